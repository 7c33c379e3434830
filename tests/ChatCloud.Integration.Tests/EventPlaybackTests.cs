using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// draft/event-playback through the whole read path: the room's stream in PostgreSQL, the view
/// <c>messages.history_v2</c>, the history service, the edge.
/// </summary>
public sealed class EventPlaybackTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const string Caps = "echo-message server-time message-tags batch draft/chathistory";

    [Fact]
    public async Task With_event_playback_history_has_a_join_and_a_message_in_order_as_seen_live_and_without_it_the_message_only()
    {
        var room = "#ep" + Guid.NewGuid().ToString("N")[..12];
        await using var watcher = await ConnectAsync("epwatch", room, Caps + " draft/event-playback");
        await using var plain = await ConnectAsync("epplain", room, Caps);
        var joinedLive = await watcher.ExpectAsync(line => line.Contains($" JOIN {room}", StringComparison.Ordinal) && line.Contains(" :epplain", StringComparison.Ordinal), Cancellation);
        await plain.SendAsync($"PRIVMSG {room} :after joining", Cancellation);
        var messageLive = await watcher.ExpectAsync(line => line.Contains($" PRIVMSG {room} ", StringComparison.Ordinal), Cancellation);

        var (batch, events) = await ChatHistoryAsync(watcher, $"LATEST {room} * 10");
        var (plainBatch, messages) = await ChatHistoryAsync(plain, $"LATEST {room} * 10");

        // The watcher's own JOIN opens the stream; then the other's JOIN and message, each the line seen live.
        Assert.Equal(3, events.Count);
        Assert.Contains($" JOIN {room}", events[0], StringComparison.Ordinal);
        Assert.Contains(" :epwatch", events[0], StringComparison.Ordinal);
        Assert.Equal([$"@batch={batch};{joinedLive[1..]}", $"@batch={batch};{messageLive[1..]}"], events[1..]);
        Assert.Equal([$"@batch={plainBatch};{messageLive[1..]}"], messages);
    }

    private async Task<IrcTestClient> ConnectAsync(string nickPrefix, string room, string caps)
    {
        var client = await IrcTestClient.ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync($"CAP REQ :{caps}", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        await client.RegisterAsync(nickPrefix + Guid.NewGuid().ToString("N")[..6], Cancellation);
        await client.SendAsync($"JOIN {room}", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "366", Cancellation);
        return client;
    }

    private static async Task<(string Batch, List<string> Lines)> ChatHistoryAsync(IrcTestClient client, string query)
    {
        await client.SendAsync("CHATHISTORY " + query, Cancellation);
        var start = await client.ExpectAsync(line => line.Contains(" BATCH +", StringComparison.Ordinal) || Verb(line) == "FAIL", Cancellation);
        Assert.DoesNotContain("FAIL", start, StringComparison.Ordinal);
        var batch = start.Split(' ')[2][1..];
        var lines = new List<string>();
        while (await client.ReadLineAsync(Cancellation) is { } line && line != $":chatcloud.local BATCH -{batch}")
        {
            lines.Add(line);
        }
        return (batch, lines);
    }
}
