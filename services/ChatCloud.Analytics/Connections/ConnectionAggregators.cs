using ChatCloud.Analytics.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Connections;

/// <summary>
/// Sign-ins per day by kind, the account as active that day, and the connection opened (<c>auth.signed-in.v1</c>).
/// Sign-ins and sign-outs travel on different queues, so either may arrive first: each fills its half of the row.
/// </summary>
public sealed class SignInsAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : IEventHandler<SignedIn>
{
    public async Task HandleAsync(SignedIn signedIn, EventContext context, CancellationToken cancellationToken)
    {
        var column = signedIn.Via switch { SignedInVia.Tcp => "tcp_sign_ins", SignedInVia.Web => "web_sign_ins", _ => null };
        if (column is null)
        {
            return;
        }
        var day = DateOnly.FromDateTime(signedIn.OccurredAt.UtcDateTime);
        var counted = await OnceInbox.RunAsync(dataSource, context, signedIn.Id, async (connection, transaction) =>
        {
            await OnceInbox.ExecuteAsync(connection, transaction,
                $"INSERT INTO analytics.days (day, {column}) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET {column} = days.{column} + 1", cancellationToken, day);
            await OnceInbox.ExecuteAsync(connection, transaction,
                "INSERT INTO analytics.active_accounts (day, account) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, day, signedIn.AccountId);
            if (signedIn.Connection is { } name)
            {
                await OnceInbox.ExecuteAsync(connection, transaction, """
                    INSERT INTO analytics.connections (connection, kind, account, opened_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (connection) DO UPDATE SET opened_at = EXCLUDED.opened_at
                    """, cancellationToken, name, signedIn.Via, signedIn.AccountId, signedIn.OccurredAt);
            }
        }, cancellationToken);
        if (counted && signedIn.Connection is not null)
        {
            metrics.Connection(signedIn.Via, +1);
        }
    }
}

/// <summary>The connection closed (<c>auth.signed-out.v1</c>).</summary>
public sealed class SignOutsAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : IEventHandler<SignedOut>
{
    public async Task HandleAsync(SignedOut signedOut, EventContext context, CancellationToken cancellationToken)
    {
        if (await OnceInbox.RunAsync(dataSource, context, signedOut.Id, (connection, transaction) => OnceInbox.ExecuteAsync(connection, transaction, """
            INSERT INTO analytics.connections (connection, kind, account, closed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (connection) DO UPDATE SET closed_at = EXCLUDED.closed_at
            """, cancellationToken, signedOut.Connection, signedOut.Via, signedOut.AccountId, signedOut.OccurredAt), cancellationToken))
        {
            metrics.Connection(signedOut.Via, -1);
        }
    }
}
