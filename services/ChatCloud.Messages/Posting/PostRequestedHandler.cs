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
/// </summary>
public sealed partial class PostRequestedHandler(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostRequestedHandler> logger)
    : IBatchEventHandler<PostRequested>
{
    public async Task HandleBatchAsync(IReadOnlyList<EventDelivery<PostRequested>> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = await Inbox.TryMarkHandledAsync(connection, transaction, batch[0].Context.Queue, batch.Select(d => d.Event.Id).ToList(), cancellationToken);
        // In queue order, each post once: redeliveries of posts already stored are skipped.
        var posts = batch.Select(d => d.Event).Where(post => fresh.Remove(post.Id)).ToList();
        if (posts.Count == 0)
        {
            return;
        }

        var serverTime = timeProvider.GetUtcNow();
        var folded = posts.ConvertAll(post => IrcCaseMapping.Rfc1459.Fold(post.Room));
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            counts[folded[i]] = counts.TryGetValue(folded[i], out var room) ? (room.Name, room.Count + 1) : (posts[i].Room, 1);
        }
        var next = await RoomSequences.ReserveAsync(connection, transaction, counts, serverTime, cancellationToken);

        var stored = new List<IntegrationEvent>(posts.Count);
        var rows = new MessageRows(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            var (roomId, sequence) = next[folded[i]];
            next[folded[i]] = (roomId, sequence + 1);
            var message = new MessageStored(MessageIds.New(timeProvider), post.Id, post.Room, post.AuthorAccountId, post.AuthorNick, post.AuthorUser,
                post.AuthorHost, post.Kind, post.Text, post.ClientTags, serverTime, sequence) { OccurredAt = serverTime };
            rows.Add(i, roomId, message);
            stored.Add(message);
        }
        await rows.InsertAsync(connection, transaction, cancellationToken);
        await OutboxWriter.AddRangeAsync(connection, transaction, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogStored(logger, posts.Count, counts.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Count} messages in {Rooms} rooms")]
    private static partial void LogStored(ILogger logger, int count, int rooms);
}
