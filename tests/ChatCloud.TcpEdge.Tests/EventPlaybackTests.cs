using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Messages;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.History;
using ChatCloud.TcpEdge.Server;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>draft/event-playback: room events among the messages of a CHATHISTORY batch, for clients that asked only.</summary>
public sealed class EventPlaybackTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);

    private static CannedHistory History()
    {
        var history = new CannedHistory();
        history.Messages.Add(new HistoryMessage("e1", 1, Noon, null, "alice", "~alice", "10.0.0.1", "JOIN", "Alice A.", null, Arguments: ["alice"]));
        history.Messages.Add(new HistoryMessage("m2", 2, Noon.AddSeconds(1), null, "alice", "~alice", "10.0.0.1", "PRIVMSG", "hello", null));
        history.Messages.Add(new HistoryMessage("e3", 3, Noon.AddSeconds(2), null, "alice", "~alice", "10.0.0.1", "TOPIC", "Beans", null));
        history.Messages.Add(new HistoryMessage("e4", 4, Noon.AddSeconds(3), null, "alice", "~alice", "10.0.0.1", "KICK", "", null, Arguments: ["bob"]));
        history.Messages.Add(new HistoryMessage("e5", 5, Noon.AddSeconds(4), null, "alice", "~alice", "10.0.0.1", "MODE", "", null, Arguments: ["+o", "carol"]));
        history.Messages.Add(new HistoryMessage("e6", 6, Noon.AddSeconds(5), null, "alice", "~alice", "10.0.0.1", "NICK", "", null, Arguments: ["alicia"]));
        history.Messages.Add(new HistoryMessage("e7", 7, Noon.AddSeconds(6), null, "alicia", "~alice", "10.0.0.1", "PART", "bye", null));
        history.Messages.Add(new HistoryMessage("e8", 8, Noon.AddSeconds(7), null, "dave", "~dave", "10.0.0.4", "QUIT", "Quit: gone", null));
        return history;
    }

    [Fact]
    public async Task With_event_playback_the_events_come_in_order_among_the_messages_written_as_live()
    {
        var history = History();
        await using var connection = await MemberAsync(history, "batch message-tags server-time draft/event-playback extended-join");

        var lines = await connection.LinesOfAsync("CHATHISTORY LATEST #garden * 50");

        Assert.Equal(
        [
            ":chatcloud.local BATCH +b1 chathistory #garden",
            "@batch=b1;msgid=e1;time=2026-11-25T12:00:00.123Z :alice!~alice@10.0.0.1 JOIN #garden alice :Alice A.",
            "@batch=b1;msgid=m2;time=2026-11-25T12:00:01.123Z :alice!~alice@10.0.0.1 PRIVMSG #garden hello",
            "@batch=b1;msgid=e3;time=2026-11-25T12:00:02.123Z :alice!~alice@10.0.0.1 TOPIC #garden Beans",
            "@batch=b1;msgid=e4;time=2026-11-25T12:00:03.123Z :alice!~alice@10.0.0.1 KICK #garden bob alice",
            "@batch=b1;msgid=e5;time=2026-11-25T12:00:04.123Z :alice!~alice@10.0.0.1 MODE #garden +o carol",
            "@batch=b1;msgid=e6;time=2026-11-25T12:00:05.123Z :alice!~alice@10.0.0.1 NICK alicia",
            "@batch=b1;msgid=e7;time=2026-11-25T12:00:06.123Z :alicia!~alice@10.0.0.1 PART #garden bye",
            "@batch=b1;msgid=e8;time=2026-11-25T12:00:07.123Z :dave!~dave@10.0.0.4 QUIT :Quit: gone",
            ":chatcloud.local BATCH -b1",
        ], lines);
        Assert.True(Assert.Single(history.Queries).Events);
    }

    [Fact]
    public async Task Without_event_playback_only_messages_are_played_back_and_events_are_not_asked_for()
    {
        var history = History();
        await using var connection = await MemberAsync(history, "batch");

        var lines = await connection.LinesOfAsync("CHATHISTORY LATEST #garden * 50");

        Assert.Equal(
        [
            ":chatcloud.local BATCH +b1 chathistory #garden",
            "@batch=b1 :alice!~alice@10.0.0.1 PRIVMSG #garden hello",
            ":chatcloud.local BATCH -b1",
        ], lines);
        Assert.False(Assert.Single(history.Queries).Events);
    }

    [Fact]
    public void A_played_back_event_is_the_live_line_with_the_batch_tag_first()
    {
        var stored = new MessageStored("e1", Guid.NewGuid(), "#garden", null, "alice", "~alice", "10.0.0.1", "KICK", "", null, Noon, 4, ["bob"]);
        const Capabilities caps = Capabilities.MessageTags | Capabilities.ServerTime;

        var live = System.Text.Encoding.UTF8.GetString(ChatCloud.Irc.IrcWriter.GetBytes(RoomEventLine.Create(stored, "#garden", caps))).TrimEnd();
        var played = System.Text.Encoding.UTF8.GetString(ChatCloud.Irc.IrcWriter.GetBytes(RoomEventLine.Create(
            new RoomEvent("KICK", "alice", "~alice", "10.0.0.1", "", ["bob"], "e1", Noon), "#garden", caps, "b7"))).TrimEnd();

        Assert.Equal("@batch=b7;" + live[1..], played);
    }

    [Fact]
    public async Task Event_playback_is_offered()
    {
        await using var connection = new TestConnection();

        var offered = await connection.LinesOfAsync("CAP LS");

        Assert.Contains(" draft/event-playback ", Assert.Single(offered), StringComparison.Ordinal);
    }

    private static async Task<TestConnection> MemberAsync(CannedHistory history, string caps)
    {
        var connection = new TestConnection(CreateServer(TimeProvider.System, history: history));
        connection.Send($"CAP REQ :{caps}");
        connection.Send("CAP END");
        connection.Register("carol");
        connection.Send("JOIN #garden");
        await connection.ExpectAsync(l => Verb(l) == "366");
        return connection;
    }
}
