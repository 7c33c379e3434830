using ChatCloud.Contracts;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.Posting;

/// <summary>
/// Stores posted room messages and, in the same transaction, their <see cref="MessageStored"/>
/// events in the outbox: a message is delivered exactly when it is stored. It takes what is waiting
/// in the queue as one batch (one transaction, one commit and disk sync for up to a hundred posts),
/// which is what lets one instance store thousands of messages a second.
/// <para>
/// Direct messages travel in the same queue and batch: a conversation is a stream like a room, with
/// its own sequence in the same tables, keyed by <see cref="DirectConversation"/> (which can never
/// be a room name), and answered with a <see cref="DirectMessageStored"/> carrying the recipient.
/// </para>
/// </summary>
public sealed partial class PostRequestedHandler(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostRequestedHandler> logger)
    : IBatchEventHandler<PostRequested>
{
    public async Task HandleBatchAsync(IReadOnlyList<EventDelivery<PostRequested>> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // In queue order, each post once: redeliveries of posts already stored are skipped. A post's
        // id is its message's post_id (unique), so the rows themselves say what was stored; two
        // replicas storing one post at once collide on it, and the loser's batch is retried.
        var seen = await MessageRows.StoredPostsAsync(connection, transaction, [.. batch.Select(d => d.Event.Id)], cancellationToken);
        var posts = batch.Select(d => d.Event).Where(post => seen.Add(post.Id)).ToList();
        // A conversation key the edge should never send cannot be stored as anyone's conversation.
        var malformed = posts.RemoveAll(post => post.Conversation is not null && !DirectConversation.TryParse(post.Conversation, out _, out _));
        if (malformed > 0)
        {
            LogMalformed(logger, malformed);
        }
        if (posts.Count == 0)
        {
            return;
        }

        var serverTime = timeProvider.GetUtcNow();
        // A stream per room (its folded name) or per conversation (its key, folded by the edge).
        var folded = posts.ConvertAll(post => post.Conversation ?? IrcCaseMapping.Rfc1459.Fold(post.Room));
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            counts[folded[i]] = counts.TryGetValue(folded[i], out var room) ? (room.Name, room.Count + 1) : (posts[i].Conversation ?? posts[i].Room, 1);
        }
        var next = await RoomSequences.ReserveAsync(connection, transaction, counts, serverTime, cancellationToken);

        var stored = new List<IntegrationEvent>(posts.Count);
        var rows = new MessageRows(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            var (roomId, sequence) = next[folded[i]];
            next[folded[i]] = (roomId, sequence + 1);
            // A direct message's row keeps its recipient in the arguments: the target of its line in history.
            var message = new MessageStored(MessageIds.New(timeProvider), post.Id, post.Conversation ?? post.Room, post.AuthorAccountId, post.AuthorNick,
                post.AuthorUser, post.AuthorHost, post.Kind, post.Text, post.ClientTags, serverTime, sequence,
                post.Conversation is null ? null : [post.Room], post.AuthorAccount) { OccurredAt = serverTime };
            rows.Add(i, roomId, message);
            stored.Add(post.Conversation is null ? message : Direct(message, post.Room));
        }
        await rows.InsertAsync(connection, transaction, cancellationToken);
        await OutboxWriter.AddRangeAsync(connection, transaction, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogStored(logger, posts.Count, counts.Count);
    }

    private static DirectMessageStored Direct(MessageStored message, string recipient) =>
        new(message.MessageId, message.PostId, message.Room, recipient, message.AuthorAccountId, message.AuthorNick, message.AuthorUser,
            message.AuthorHost, message.Kind, message.Text, message.ClientTags, message.ServerTime, message.Sequence, message.AuthorAccount) { OccurredAt = message.OccurredAt };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} direct messages with a malformed conversation key")]
    private static partial void LogMalformed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Count} messages in {Rooms} rooms and conversations")]
    private static partial void LogStored(ILogger logger, int count, int rooms);
}
