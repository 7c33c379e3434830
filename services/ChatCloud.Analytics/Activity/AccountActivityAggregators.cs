using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>New accounts per day (<c>auth.account-created.v1</c>), counted once per event through the inbox.</summary>
/// The account's week of creation is its retention cohort (<c>analytics.accounts</c>).
public sealed class NewAccountsAggregator(NpgsqlDataSource dataSource) : IEventHandler<AccountCreated>
{
    public Task HandleAsync(AccountCreated created, EventContext context, CancellationToken cancellationToken) =>
        OnceInbox.RunAsync(dataSource, context, created.Id, async (connection, transaction) =>
        {
            var day = DateOnly.FromDateTime(created.OccurredAt.UtcDateTime);
            await OnceInbox.ExecuteAsync(connection, transaction,
                "INSERT INTO analytics.days (day, new_accounts) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET new_accounts = days.new_accounts + 1", cancellationToken, day);
            await OnceInbox.ExecuteAsync(connection, transaction,
                "INSERT INTO analytics.accounts (account, created_day) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, created.AccountId, day);
        }, cancellationToken);
}

/// <summary>
/// Direct messages per day (<c>messages.direct-message-stored.v1</c>): their number only — who wrote
/// to whom is nobody's statistic — and the author as active that day.
/// </summary>
public sealed class DirectMessagesAggregator(NpgsqlDataSource dataSource) : IEventHandler<DirectMessageStored>
{
    public Task HandleAsync(DirectMessageStored stored, EventContext context, CancellationToken cancellationToken) =>
        // A redaction travels as a direct message too; it is not one more message.
        stored.Kind is "PRIVMSG" or "NOTICE"
            ? DayCounter.AddAsync(dataSource, context, stored.Id, stored.ServerTime, "direct_messages", cancellationToken, stored.AuthorAccountId)
            : Task.CompletedTask;
}

/// <summary>
/// Forgets a deleted account (<c>auth.account-deleted.v1</c>, docs/privacy.md): the days it was active,
/// its cohort, the rooms shown to it and joined. Its connections stay, under no account, so the past
/// concurrency figures do not change; the day's totals it was part of stay.
/// </summary>
public sealed class DeletedAccountsForgetter(NpgsqlDataSource dataSource) : IEventHandler<AccountDeleted>
{
    public async Task HandleAsync(AccountDeleted deleted, EventContext context, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in new[]
        {
            "DELETE FROM analytics.active_accounts WHERE account = $1",
            "DELETE FROM analytics.accounts WHERE account = $1",
            "DELETE FROM analytics.room_impressions WHERE account = $1",
            "DELETE FROM analytics.room_joins WHERE account = $1",
            "UPDATE analytics.connections SET account = '00000000-0000-0000-0000-000000000000' WHERE account = $1",
        })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = deleted.AccountId } } });
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal static class DayCounter
{
    public static async Task AddAsync(NpgsqlDataSource dataSource, EventContext context, Guid eventId, DateTimeOffset at, string column,
        CancellationToken cancellationToken, Guid? activeAccount = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await Inbox.TryMarkHandledAsync(connection, transaction, context.Queue, eventId, cancellationToken))
        {
            return;
        }
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        // The column is one of the constants of this file, never input.
        await using (var count = new NpgsqlCommand(
            $"INSERT INTO analytics.days (day, {column}) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET {column} = days.{column} + 1", connection, transaction))
        {
            count.Parameters.AddWithValue(day);
            await count.ExecuteNonQueryAsync(cancellationToken);
        }
        if (activeAccount is { } account)
        {
            await using var mark = new NpgsqlCommand("INSERT INTO analytics.active_accounts (day, account) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection, transaction);
            mark.Parameters.AddWithValue(day);
            mark.Parameters.AddWithValue(account);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
