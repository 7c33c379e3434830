using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using RabbitMQ.Client;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The messages service stores direct messages as it stores room posts: one batch, one transaction,
/// a sequence per conversation, and each announced once as messages.direct-message-stored.v1 after
/// it is committed. Room posts in the same batch keep their own streams.
/// </summary>
public sealed class DirectMessagePipelineTests(ChatCloudSuite suite)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Direct_messages_are_stored_in_their_conversation_in_order_and_announced_once_with_the_recipient()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), Cancellation);
        var stored = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation);
        await channel.QueueBindAsync(stored.QueueName, "chatcloud.events", "messages.direct-message-stored.v1", cancellationToken: Cancellation);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var conversation = $"n:ann{tag} n:bob{tag}";
        var room = $"#dm-{tag}";
        var posts = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToArray();

        // Sent back to back so the service takes them as one batch or a few; a room post among them.
        await PublishPostAsync(channel, posts[0], $"bob{tag}", $"ann{tag}", conversation, "hi bob");
        await PublishPostAsync(channel, posts[1], room, $"ann{tag}", null, "in the room");
        await PublishPostAsync(channel, posts[2], $"ann{tag}", $"bob{tag}", conversation, "hi ann");
        await PublishPostAsync(channel, posts[3], $"bob{tag}", $"ann{tag}", conversation, "again");
        await PublishPostAsync(channel, posts[2], $"ann{tag}", $"bob{tag}", conversation, "hi ann"); // a redelivered request
        await PublishPostAsync(channel, Guid.CreateVersion7(), "#not", $"ann{tag}", "#not a key", "malformed"); // dropped
        var announced = await ReceiveAsync(channel, stored.QueueName, conversation, count: 3);
        var extra = await ReceiveAsync(channel, stored.QueueName, conversation, count: 1, TimeSpan.FromSeconds(2));
        var rows = await StoredRowsAsync(conversation);

        Assert.Equal([posts[0], posts[2], posts[3]], announced.Select(e => e.GetProperty("postId").GetGuid()));
        Assert.Equal([1L, 2, 3], announced.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal([$"bob{tag}", $"ann{tag}", $"bob{tag}"], announced.Select(e => e.GetProperty("recipient").GetString()));
        Assert.Empty(extra);
        Assert.Equal(
            [(1L, $"ann{tag}", $"bob{tag}", "hi bob"), (2L, $"bob{tag}", $"ann{tag}", "hi ann"), (3L, $"ann{tag}", $"bob{tag}", "again")],
            rows.Select(r => (r.Sequence, r.Author, r.Recipient, r.Text)));
        Assert.Equal(announced.Select(e => e.GetProperty("messageId").GetString()), rows.Select(r => r.MessageId));
        Assert.Empty(await RoomRowsAsync(conversation)); // the rooms' view never shows a conversation
    }

    private async Task<IConnection> ConnectAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        return await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private static async Task PublishPostAsync(IChannel channel, Guid postId, string room, string author, string? conversation, string text)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = postId,
            occurredAt = DateTimeOffset.UtcNow,
            room,
            authorAccountId = (Guid?)null,
            authorNick = author,
            authorUser = "~tester",
            authorHost = "127.0.0.1",
            kind = "PRIVMSG",
            text,
            clientTags = (object?)null,
            conversation,
        }, Json);
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            Type = "messages.post-requested.v1",
            MessageId = postId.ToString(),
        };
        await channel.BasicPublishAsync("chatcloud.events", "messages.post-requested.v1", mandatory: true, properties, body, Cancellation)
            .AsTask().WaitAsync(Deadlines.Request, Cancellation);
    }

    private static async Task<List<JsonElement>> ReceiveAsync(IChannel channel, string queue, string conversation, int count, TimeSpan? wait = null)
    {
        var received = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (wait ?? Deadlines.Request);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true, Cancellation);
            if (message is null)
            {
                await Task.Delay(50, Cancellation);
                continue;
            }
            received.AddRange(BusTap.EventsOf(message).Where(stored => stored.GetProperty("conversation").GetString() == conversation));
        }
        return received;
    }

    private async Task<List<(long Sequence, string MessageId, string Author, string Recipient, string Text)>> StoredRowsAsync(string conversation)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand("""
            SELECT sequence, msgid, author_nick, recipient, text FROM messages.direct_history_v1
            WHERE conversation = $1 ORDER BY sequence
            """);
        command.Parameters.AddWithValue(conversation);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<(long, string, string, string, string)>();
        while (await reader.ReadAsync(Cancellation))
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }
        return rows;
    }

    private async Task<List<string>> RoomRowsAsync(string conversation)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand("SELECT msgid FROM messages.history_v1 WHERE room_folded = $1");
        command.Parameters.AddWithValue(conversation);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
