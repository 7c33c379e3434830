using System.Text.Json;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;
using NpgsqlTypes;

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
    private const string InsertMessages = """
        INSERT INTO messages.messages
            (room_id, sequence, msgid, post_id, author_account, author_nick, author_user, author_host, kind, text, client_tags, server_time)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                             $9::text[], $10::text[], $11::jsonb[], $12::timestamptz[])
        """;

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

    /// <summary>The batch's messages as column arrays, for one <c>INSERT … SELECT FROM unnest(…)</c>.</summary>
    private sealed class MessageRows(int count)
    {
        private readonly long[] _roomIds = new long[count];
        private readonly long[] _sequences = new long[count];
        private readonly string[] _msgids = new string[count];
        private readonly Guid[] _postIds = new Guid[count];
        private readonly Guid?[] _accounts = new Guid?[count];
        private readonly string[] _nicks = new string[count];
        private readonly string[] _users = new string[count];
        private readonly string[] _hosts = new string[count];
        private readonly string[] _kinds = new string[count];
        private readonly string[] _texts = new string[count];
        private readonly string?[] _clientTags = new string?[count];
        private readonly DateTimeOffset[] _times = new DateTimeOffset[count];

        public void Add(int i, long roomId, MessageStored message)
        {
            _roomIds[i] = roomId;
            _sequences[i] = message.Sequence;
            _msgids[i] = message.MessageId;
            _postIds[i] = message.PostId;
            _accounts[i] = message.AuthorAccountId;
            _nicks[i] = message.AuthorNick;
            _users[i] = message.AuthorUser;
            _hosts[i] = message.AuthorHost;
            _kinds[i] = message.Kind;
            _texts[i] = message.Text;
            _clientTags[i] = message.ClientTags is null ? null : JsonSerializer.Serialize(message.ClientTags);
            _times[i] = message.ServerTime.ToUniversalTime();
        }

        public async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await using var insert = new NpgsqlCommand(InsertMessages, connection, transaction)
            {
                Parameters =
                {
                    new() { Value = _roomIds },
                    new() { Value = _sequences },
                    new() { Value = _msgids },
                    new() { Value = _postIds },
                    new() { Value = _accounts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                    new() { Value = _nicks },
                    new() { Value = _users },
                    new() { Value = _hosts },
                    new() { Value = _kinds },
                    new() { Value = _texts },
                    new() { Value = _clientTags, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                    new() { Value = _times },
                },
            };
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Count} messages in {Rooms} rooms")]
    private static partial void LogStored(ILogger logger, int count, int rooms);
}
