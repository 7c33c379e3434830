using ChatCloud.Analytics.Replay;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

public sealed record NewAccount(Guid AccountId, DateTimeOffset At);

public sealed record DirectLine(DateTimeOffset At, Guid? Author);

/// <summary>New accounts per day (<c>auth.account-created.v1</c>); the account's week of creation is its retention cohort (<c>analytics.accounts</c>).</summary>
public sealed class NewAccountsAggregator(NpgsqlDataSource dataSource) : Aggregator<AccountCreated, NewAccount>(dataSource)
{
    protected override NewAccount FactOf(AccountCreated created) => new(created.AccountId, created.OccurredAt);

    protected override Guid? AccountOf(NewAccount fact) => fact.AccountId;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NewAccount> facts, CancellationToken cancellationToken)
    {
        foreach (var created in facts)
        {
            await Sql.AddToDayAsync(connection, transaction, "days", created.At, "new_accounts", 1L, cancellationToken);
            if (ForgottenAccount.IsKnown(created.AccountId))
            {
                await Sql.ExecuteAsync(connection, transaction, "INSERT INTO analytics.accounts (account, created_day) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    cancellationToken, created.AccountId, DateOnly.FromDateTime(created.At.UtcDateTime));
            }
        }
    }
}

/// <summary>
/// Direct messages per day (<c>messages.direct-message-stored.v1</c>): their number only — who wrote
/// to whom is nobody's statistic — and the author as active that day.
/// </summary>
public sealed class DirectMessagesAggregator(NpgsqlDataSource dataSource) : Aggregator<DirectMessageStored, DirectLine>(dataSource)
{
    // A redaction travels as a direct message too; it is not one more message.
    protected override DirectLine? FactOf(DirectMessageStored stored) =>
        stored.Kind is "PRIVMSG" or "NOTICE" ? new DirectLine(stored.ServerTime, stored.AuthorAccountId) : null;

    protected override Guid? AccountOf(DirectLine fact) => fact.Author;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DirectLine> facts, CancellationToken cancellationToken)
    {
        foreach (var line in facts)
        {
            await Sql.AddToDayAsync(connection, transaction, "days", line.At, "direct_messages", 1L, cancellationToken);
            await Sql.MarkActiveAsync(connection, transaction, line.At, line.Author, cancellationToken);
        }
    }
}

/// <summary>
/// Forgets a deleted account (<c>auth.account-deleted.v1</c>, docs/privacy.md): the days it was active,
/// its cohort, the rooms shown to it and joined, and its id in the event log. Its connections stay,
/// under no account, so the past concurrency figures do not change; the day's totals it was part of
/// stay, and a rebuild gives them again (<see cref="EventLog.ForgetAsync"/>).
/// </summary>
public sealed class DeletedAccountsForgetter(NpgsqlDataSource dataSource) : Messaging.IEventHandler<AccountDeleted>
{
    public async Task HandleAsync(AccountDeleted deleted, Messaging.EventContext context, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The log first, as the aggregators do (EventLog.LockForRebuildAsync).
        await EventLog.ForgetAsync(connection, transaction, deleted.AccountId, cancellationToken);
        foreach (var sql in new[]
        {
            "DELETE FROM analytics.active_accounts WHERE account = $1",
            "DELETE FROM analytics.accounts WHERE account = $1",
            "DELETE FROM analytics.room_impressions WHERE account = $1",
            "DELETE FROM analytics.room_joins WHERE account = $1",
        })
        {
            await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, deleted.AccountId);
        }
        await Sql.ExecuteAsync(connection, transaction, "UPDATE analytics.connections SET account = $2 WHERE account = $1",
            cancellationToken, deleted.AccountId, ForgottenAccount.Id);
        await transaction.CommitAsync(cancellationToken);
    }
}
