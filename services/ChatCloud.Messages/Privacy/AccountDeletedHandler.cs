using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.Privacy;

/// <summary>
/// <c>auth.account-deleted.v1</c>: the messages service forgets who wrote what (docs/privacy.md).
/// The account's messages stay where others read them, signed by the tombstone
/// (<c>deleted-1a2b3c4d</c>) with no account, user or host; its read markers go. Its live room
/// memberships end as its connections close (the same deletion disconnects them, and their QUITs
/// go through the room authority as any other). Idempotent: a redelivery changes nothing more.
/// </summary>
public sealed partial class AccountDeletedHandler(NpgsqlDataSource dataSource, ILogger<AccountDeletedHandler> logger) : IEventHandler<AccountDeleted>
{
    public async Task HandleAsync(AccountDeleted deleted, EventContext context, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int anonymised;
        await using (var messages = new NpgsqlCommand("""
            UPDATE messages.messages
            SET author_account = NULL, author_account_name = NULL, author_nick = $2, author_user = 'deleted', author_host = 'deleted'
            WHERE author_account = $1
            """, connection, transaction))
        {
            messages.Parameters.AddWithValue(deleted.AccountId);
            messages.Parameters.AddWithValue(deleted.Tombstone);
            anonymised = await messages.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var markers = new NpgsqlCommand("DELETE FROM messages.read_markers WHERE account = $1", connection, transaction))
        {
            markers.Parameters.AddWithValue(deleted.AccountId);
            await markers.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogAnonymised(logger, deleted.AccountId, anonymised);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anonymised {Count} messages of the deleted account {AccountId}")]
    private static partial void LogAnonymised(ILogger logger, Guid accountId, int count);
}
