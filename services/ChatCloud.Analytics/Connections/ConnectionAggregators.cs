using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Replay;
using ChatCloud.Contracts.Auth;
using Npgsql;

namespace ChatCloud.Analytics.Connections;

/// <summary>
/// Sign-ins per day by kind, the account as active that day, and the connection opened (<c>auth.signed-in.v1</c>).
/// Sign-ins and sign-outs travel on different queues, so either may arrive first: each fills its half of the row.
/// The event is its own fact: it carries nothing the figures do not use.
/// </summary>
public sealed class SignInsAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : Aggregator<SignedIn, SignedIn>(dataSource)
{
    protected override SignedIn? FactOf(SignedIn signedIn) => signedIn.Via is SignedInVia.Tcp or SignedInVia.Web ? signedIn : null;

    protected override Guid? AccountOf(SignedIn fact) => fact.AccountId;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SignedIn> facts, CancellationToken cancellationToken)
    {
        foreach (var signedIn in facts)
        {
            await Sql.AddToDayAsync(connection, transaction, "days", signedIn.OccurredAt,
                signedIn.Via == SignedInVia.Tcp ? "tcp_sign_ins" : "web_sign_ins", 1L, cancellationToken);
            await Sql.MarkActiveAsync(connection, transaction, signedIn.OccurredAt, signedIn.AccountId, cancellationToken);
            if (signedIn.Connection is { } name)
            {
                await Sql.ExecuteAsync(connection, transaction, """
                    INSERT INTO analytics.connections (connection, kind, account, opened_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (connection) DO UPDATE SET opened_at = EXCLUDED.opened_at
                    """, cancellationToken, name, signedIn.Via, signedIn.AccountId, signedIn.OccurredAt);
            }
        }
    }

    protected override void Counted(IReadOnlyList<SignedIn> facts)
    {
        foreach (var signedIn in facts.Where(f => f.Connection is not null))
        {
            metrics.Connection(signedIn.Via, +1);
        }
    }
}

/// <summary>The connection closed (<c>auth.signed-out.v1</c>).</summary>
public sealed class SignOutsAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : Aggregator<SignedOut, SignedOut>(dataSource)
{
    protected override SignedOut FactOf(SignedOut signedOut) => signedOut;

    protected override Guid? AccountOf(SignedOut fact) => fact.AccountId;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SignedOut> facts, CancellationToken cancellationToken)
    {
        foreach (var signedOut in facts)
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO analytics.connections (connection, kind, account, closed_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (connection) DO UPDATE SET closed_at = EXCLUDED.closed_at
                """, cancellationToken, signedOut.Connection, signedOut.Via, signedOut.AccountId, signedOut.OccurredAt);
        }
    }

    protected override void Counted(IReadOnlyList<SignedOut> facts)
    {
        foreach (var signedOut in facts)
        {
            metrics.Connection(signedOut.Via, -1);
        }
    }
}
