using System.Text.Json;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messages.Posting;

/// <summary>
/// Stores a posted room message and, in the same transaction, its <see cref="MessageStored"/> event
/// in the outbox: the message is delivered exactly when it is stored. The room's sequence is taken
/// in that transaction too, so a room's messages have one order for every reader.
/// </summary>
public sealed partial class PostRequestedHandler(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostRequestedHandler> logger)
    : IEventHandler<PostRequested>
{
    public async Task HandleAsync(PostRequested post, EventContext context, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await Inbox.TryMarkHandledAsync(connection, transaction, context.Queue, post.Id, cancellationToken))
        {
            return; // A redelivery of a post already stored.
        }

        var serverTime = timeProvider.GetUtcNow();
        var messageId = MessageIds.New(timeProvider);
        var sequence = await StoreAsync(connection, transaction, post, messageId, serverTime, cancellationToken);
        var stored = new MessageStored(messageId, post.Id, post.Room, post.AuthorAccountId, post.AuthorNick, post.AuthorUser,
            post.AuthorHost, post.Kind, post.Text, post.ClientTags, serverTime, sequence) { OccurredAt = serverTime };
        await OutboxWriter.AddAsync(connection, transaction, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogStored(logger, post.Room, sequence);
    }

    private static async Task<long> StoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostRequested post, string messageId, DateTimeOffset serverTime, CancellationToken cancellationToken)
    {
        // The room row is created on first use and locked by the sequence update until commit, so
        // concurrent posts to one room take consecutive sequences in commit order.
        var folded = IrcCaseMapping.Rfc1459.Fold(post.Room);
        var utcTime = serverTime.ToUniversalTime();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO messages.rooms (name, name_folded, created_at) VALUES ($1, $2, $3) ON CONFLICT (name_folded) DO NOTHING")
                {
                    Parameters = { new() { Value = post.Room }, new() { Value = folded }, new() { Value = utcTime } },
                },
                new("""
                    WITH room AS (
                        UPDATE messages.rooms SET last_sequence = last_sequence + 1
                        WHERE name_folded = $1
                        RETURNING id, last_sequence)
                    INSERT INTO messages.messages
                        (room_id, sequence, msgid, post_id, author_account, author_nick, author_user, author_host, kind, text, client_tags, server_time)
                    SELECT room.id, room.last_sequence, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM room
                    RETURNING sequence
                    """)
                {
                    Parameters =
                    {
                        new() { Value = folded },
                        new() { Value = messageId },
                        new() { Value = post.Id },
                        new() { Value = (object?)post.AuthorAccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                        new() { Value = post.AuthorNick },
                        new() { Value = post.AuthorUser },
                        new() { Value = post.AuthorHost },
                        new() { Value = post.Kind },
                        new() { Value = post.Text },
                        new() { Value = post.ClientTags is null ? DBNull.Value : JsonSerializer.Serialize(post.ClientTags), NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new() { Value = utcTime },
                    },
                },
            },
        };
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored message {Sequence} in {Room}")]
    private static partial void LogStored(ILogger logger, string room, long sequence);
}
