using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>New accounts per day (<c>auth.account-created.v1</c>), counted once per event through the inbox.</summary>
public sealed class NewAccountsAggregator(NpgsqlDataSource dataSource) : IEventHandler<AccountCreated>
{
    public Task HandleAsync(AccountCreated created, EventContext context, CancellationToken cancellationToken) =>
        DayCounter.AddAsync(dataSource, context, created.Id, created.OccurredAt, "new_accounts", cancellationToken);
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

/// <summary>Sign-ins per day by kind (<c>auth.signed-in.v1</c>: terminal or web), and the account as active that day.</summary>
public sealed class SignInsAggregator(NpgsqlDataSource dataSource) : IEventHandler<SignedIn>
{
    public Task HandleAsync(SignedIn signedIn, EventContext context, CancellationToken cancellationToken) => signedIn.Via switch
    {
        SignedInVia.Tcp => DayCounter.AddAsync(dataSource, context, signedIn.Id, signedIn.OccurredAt, "tcp_sign_ins", cancellationToken, signedIn.AccountId),
        SignedInVia.Web => DayCounter.AddAsync(dataSource, context, signedIn.Id, signedIn.OccurredAt, "web_sign_ins", cancellationToken, signedIn.AccountId),
        _ => Task.CompletedTask,
    };
}

/// <summary>Forgets which days a deleted account was active (<c>auth.account-deleted.v1</c>, docs/privacy.md); the day's totals it was part of stay.</summary>
public sealed class DeletedAccountsForgetter(NpgsqlDataSource dataSource) : IEventHandler<AccountDeleted>
{
    public async Task HandleAsync(AccountDeleted deleted, EventContext context, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM analytics.active_accounts WHERE account = $1");
        command.Parameters.AddWithValue(deleted.AccountId);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
