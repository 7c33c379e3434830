using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using RabbitMQ.Client;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The messages service behind the edges: a post request on the bus is stored in PostgreSQL with
/// the room's next sequence, and only then announced as messages.message-stored.v1.
/// </summary>
public sealed class MessagePipelineTests(ChatCloudSuite suite)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Posts_are_stored_in_order_and_announced_once_each_even_when_redelivered()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), Cancellation);
        var stored = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation);
        var room = $"#pipeline-{Guid.NewGuid():N}"[..20];
        // Bound as an edge with a member in the room binds it: by the room's topic (EventRouting).
        await channel.QueueBindAsync(stored.QueueName, "chatcloud.events", $"messages.message-stored.v1.{ChatCloud.Messaging.RoomTopics.Of(room)}", cancellationToken: Cancellation);
        var posts = Enumerable.Range(1, 5).Select(i => Guid.CreateVersion7()).ToArray();

        foreach (var (post, index) in posts.Select((p, i) => (p, i)))
        {
            await PublishPostAsync(channel, post, room, $"message {index}");
        }
        await PublishPostAsync(channel, posts[2], room, "message 2"); // a redelivered request
        var announced = await ReceiveAsync(channel, stored.QueueName, room, count: 5);
        var extra = await ReceiveAsync(channel, stored.QueueName, room, count: 1, TimeSpan.FromSeconds(2));
        var rows = await StoredRowsAsync(room);

        Assert.Equal(posts, announced.Select(e => e.GetProperty("postId").GetGuid()));
        Assert.Equal([1L, 2, 3, 4, 5], announced.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Empty(extra);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)(i + 1)), rows.Select(r => r.Sequence));
        Assert.Equal(announced.Select(e => e.GetProperty("messageId").GetString()), rows.Select(r => r.MessageId));
        Assert.All(announced, e => Assert.Matches("^[0-9a-z]{26}$", e.GetProperty("messageId").GetString()));
    }

    private async Task<IConnection> ConnectAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        return await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private static async Task PublishPostAsync(IChannel channel, Guid postId, string room, string text)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = postId,
            occurredAt = DateTimeOffset.UtcNow,
            room,
            authorAccountId = (Guid?)null,
            authorNick = "tester",
            authorUser = "~tester",
            authorHost = "127.0.0.1",
            kind = "PRIVMSG",
            text,
            clientTags = (object?)null,
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

    private static async Task<List<JsonElement>> ReceiveAsync(IChannel channel, string queue, string room, int count, TimeSpan? wait = null)
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
            received.AddRange(BusTap.EventsOf(message).Where(stored => stored.GetProperty("room").GetString() == room));
        }
        return received;
    }

    private async Task<List<(long Sequence, string MessageId)>> StoredRowsAsync(string room)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand("""
            SELECT m.sequence, m.msgid FROM messages.messages m JOIN messages.rooms r ON r.id = m.room_id
            WHERE r.name = $1 ORDER BY m.sequence
            """);
        command.Parameters.AddWithValue(room);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync(Cancellation))
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return rows;
    }
}
