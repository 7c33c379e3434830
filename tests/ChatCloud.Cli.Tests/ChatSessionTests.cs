using System.Text;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;
using Microsoft.Extensions.Time.Testing;

namespace ChatCloud.Cli.Tests;

public sealed class ChatSessionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ChatSession _session;

    public ChatSessionTests()
    {
        _session = new ChatSession("me", _time)
        {
            Capabilities = new HashSet<string> { "echo-message", "labeled-response", "batch", "message-tags", "server-time", "draft/read-marker" },
        };
    }

    private void Receive(string line)
    {
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(Encoding.UTF8.GetBytes(line), out var message));
        _session.Apply(message);
    }

    private ChatBuffer Join(string room)
    {
        Receive($":me!~me@host JOIN {room}");
        return _session.Find(room)!;
    }

    [Fact]
    public void Own_join_opens_and_shows_the_room_and_names_fill_the_member_list()
    {
        var room = Join("#ops");
        Receive(":srv 353 me = #ops :@alice +bob me!~me@host");

        Assert.Same(room, _session.Current);
        Assert.True(room.Joined);
        Assert.Equal(["alice", "bob", "me"], room.Members);
    }

    [Fact]
    public void Lines_in_other_buffers_count_as_unread_and_mentions_of_my_nick_and_direct_messages_as_mentions()
    {
        var ops = Join("#ops");
        var dev = Join("#dev");
        Receive("@msgid=m1 :alice!~a@h PRIVMSG #ops :morning");
        Receive("@msgid=m2 :alice!~a@h PRIVMSG #ops :me: can you look?");
        Receive("@msgid=m3 :alice!~a@h PRIVMSG #dev :shown, not unread");
        Receive("@msgid=m4 :bob!~b@h PRIVMSG me :psst");
        Receive(":carol!~c@h JOIN #ops");

        Assert.Same(dev, _session.Current);
        Assert.Equal((2, 1), (ops.Unread, ops.Mentions));
        Assert.Equal((0, 0), (dev.Unread, dev.Mentions));
        var query = _session.Find("bob")!;
        Assert.Equal((BufferKind.Query, 1, 1), (query.Kind, query.Unread, query.Mentions));
        Assert.True(ops.Lines.Single(line => line.MsgId == "m2").IsMention);

        _session.Switch(ops);
        Assert.Equal((0, 0), (ops.Unread, ops.Mentions));
    }

    [Fact]
    public void An_own_message_is_pending_until_its_labelled_echo_stores_it()
    {
        var room = Join("#ops");
        var line = _session.Say("#ops", "hello", action: false, label: "c7");

        Assert.Equal("@label=c7 PRIVMSG #ops hello", line.ToString());
        var pending = room.Lines[^1];
        Assert.Equal(DeliveryState.Pending, pending.State);

        Receive("@label=c7;msgid=m9;time=2026-11-25T12:00:01.500Z :me!~me@host PRIVMSG #ops hello");

        Assert.Equal(DeliveryState.Stored, pending.State);
        Assert.Equal("m9", pending.MsgId);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 1, 500, TimeSpan.Zero), pending.Time);
        Assert.Single(room.Lines, l => l.Text == "hello");
    }

    [Fact]
    public void An_own_message_replayed_by_history_after_a_drop_confirms_the_pending_line_instead_of_doubling_it()
    {
        var room = Join("#ops");
        _session.Say("#ops", "did this arrive?", action: false, label: "c1");

        Receive("@batch=b1;msgid=m5;time=2026-11-25T12:00:02.000Z :me!~me@host PRIVMSG #ops :did this arrive?");

        var line = Assert.Single(room.Lines, l => l.Text == "did this arrive?");
        Assert.Equal((DeliveryState.Stored, "m5"), (line.State, line.MsgId));
    }

    [Fact]
    public void A_labelled_FAIL_marks_the_pending_line_failed()
    {
        var room = Join("#ops");
        _session.Say("#ops", "into the void", action: false, label: "c2");

        Receive("@label=c2 :srv FAIL PRIVMSG MESSAGE_NOT_SENT #ops :Could not store the message");

        Assert.Equal(DeliveryState.Failed, room.Lines.Single(l => l.Text == "into the void").State);
        Assert.Contains(room.Lines, l => l.Kind == LineKind.Error && l.Text.Contains("Could not store", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_seen_live_and_again_in_a_reconnect_replay_show_once_and_in_server_time_order()
    {
        var room = Join("#ops");
        Receive("@msgid=a;time=2026-11-25T12:00:01.000Z :alice!~a@h PRIVMSG #ops :one");
        Receive("@msgid=b;time=2026-11-25T12:00:02.000Z :alice!~a@h PRIVMSG #ops :two");
        // The connection drops; after the reconnect a live line arrives before the replay batch.
        Receive("@msgid=d;time=2026-11-25T12:00:04.000Z :bob!~b@h PRIVMSG #ops :four");
        Receive(":srv BATCH +r1 chathistory #ops");
        Receive("@batch=r1;msgid=b;time=2026-11-25T12:00:02.000Z :alice!~a@h PRIVMSG #ops :two");
        Receive("@batch=r1;msgid=c;time=2026-11-25T12:00:03.000Z :bob!~b@h PRIVMSG #ops :three");
        Receive("@batch=r1;msgid=d;time=2026-11-25T12:00:04.000Z :bob!~b@h PRIVMSG #ops :four");
        Receive(":srv BATCH -r1");

        Assert.Equal(["one", "two", "three", "four"], room.Lines.Where(l => l.Kind == LineKind.Message).Select(l => l.Text));
    }

    [Fact]
    public void Quit_nick_part_and_kick_update_members()
    {
        var room = Join("#ops");
        Receive(":srv 353 me = #ops :alice bob carol dave me");
        Receive(":alice!~a@h QUIT :bye");
        Receive(":bob!~b@h NICK robert");
        Receive(":carol!~c@h PART #ops");
        Receive(":me!~me@host KICK #ops dave :spam");

        Assert.Equal(["me", "robert"], room.Members);
        Assert.Contains(room.Lines, l => l.Text == "bob is now known as robert");
        Receive(":op!~o@h KICK #ops me :out");
        Assert.False(room.Joined);
    }

    [Fact]
    public void Actions_and_errors_are_told_apart()
    {
        var room = Join("#ops");
        Receive("@msgid=x :alice!~a@h PRIVMSG #ops :\u0001ACTION waves\u0001");
        Receive(":srv 482 me #ops :You're not channel operator");

        Assert.Contains(room.Lines, l => l.Kind == LineKind.Action && l.Text == "waves");
        Assert.Contains(room.Lines, l => l.Kind == LineKind.Error && l.Text.Contains("not channel operator", StringComparison.Ordinal));
    }

    [Fact]
    public void A_day_separator_comes_before_the_first_line_of_each_day()
    {
        var room = Join("#ops");
        Receive("@msgid=1;time=2026-11-24T23:59:00.000Z :alice!~a@h PRIVMSG #ops :late");
        Receive("@msgid=2;time=2026-11-25T00:01:00.000Z :alice!~a@h PRIVMSG #ops :early");
        Receive("@msgid=3;time=2026-11-25T09:00:00.000Z :alice!~a@h PRIVMSG #ops :later");
        var messages = room.Lines.Where(l => l.Kind == LineKind.Message);

        var rows = DayGrouping.Rows(messages, TimeZoneInfo.Utc).ToList();

        Assert.Equal(
            ["day 2026-11-24", "late", "day 2026-11-25", "early", "later"],
            rows.Select(r => r.Day is { } d ? $"day {d:yyyy-MM-dd}" : r.Line!.Text));
        // In UTC+1 the first two are on the same day.
        var paris = TimeZoneInfo.CreateCustomTimeZone("UTC+1", TimeSpan.FromHours(1), "UTC+1", "UTC+1");
        Assert.Equal(4, DayGrouping.Rows(messages, paris).Count());
    }

    [Fact]
    public void Replayed_events_are_shown_but_change_neither_members_nor_our_rooms()
    {
        var room = Join("#ops");
        Receive(":srv 353 me = #ops :alice me");
        Receive(":srv BATCH +h chathistory #ops");
        Receive("@batch=h;msgid=e1;time=2026-11-24T10:00:00.000Z :me!~me@host PART #ops :old");
        Receive("@batch=h;msgid=e2;time=2026-11-24T10:00:01.000Z :alice!~a@h QUIT :old");
        Receive(":srv BATCH -h");

        Assert.True(room.Joined);
        Assert.Equal(["alice", "me"], room.Members);
        Assert.Contains(room.Lines, l => l.MsgId == "e1" && l.Text.StartsWith("me part", StringComparison.Ordinal));
    }

    [Fact]
    public void Showing_a_room_marks_it_read_up_to_its_newest_stored_line_once()
    {
        var ops = Join("#ops");
        Join("#dev");
        Receive("@msgid=a;time=2026-11-25T12:00:01.000Z :alice!~a@h PRIVMSG #ops :one");
        Receive("@msgid=b;time=2026-11-25T12:00:02.500Z :alice!~a@h PRIVMSG #ops :two");

        Assert.Null(_session.ReadMarkerToSend()); // #dev shows nothing stored yet
        _session.Switch(ops);

        Assert.Equal("MARKREAD #ops timestamp=2026-11-25T12:00:02.500Z", _session.ReadMarkerToSend()!.ToString());
        Assert.Null(_session.ReadMarkerToSend());
        Receive("@msgid=c;time=2026-11-25T12:00:03.000Z :alice!~a@h PRIVMSG #ops :three");
        Assert.Equal("MARKREAD #ops timestamp=2026-11-25T12:00:03.000Z", _session.ReadMarkerToSend()!.ToString());
    }

    [Fact]
    public void A_marker_from_another_device_takes_what_it_read_off_the_unread_count()
    {
        var ops = Join("#ops");
        Join("#dev");
        Receive("@msgid=a;time=2026-11-25T12:00:01.000Z :alice!~a@h PRIVMSG #ops :one");
        Receive("@msgid=b;time=2026-11-25T12:00:02.000Z :alice!~a@h PRIVMSG #ops :me: two");
        Receive("@msgid=c;time=2026-11-25T12:00:03.000Z :alice!~a@h PRIVMSG #ops :three");
        Assert.Equal((3, 1), (ops.Unread, ops.Mentions));

        Receive(":srv MARKREAD #ops timestamp=2026-11-25T12:00:02.000Z");
        Assert.Equal((1, 0), (ops.Unread, ops.Mentions));
        // Never backwards, and "*" (no marker) changes nothing.
        Receive(":srv MARKREAD #ops timestamp=2026-11-25T12:00:00.000Z");
        Receive(":srv MARKREAD #ops *");
        Assert.Equal((1, 0), (ops.Unread, ops.Mentions));
        Receive(":srv MARKREAD #ops timestamp=2026-11-25T12:00:03.000Z");
        Assert.Equal((0, 0), (ops.Unread, ops.Mentions));
    }

    [Fact]
    public void History_older_than_the_joined_rooms_marker_is_not_unread()
    {
        Join("#dev");
        Receive(":me!~me@host JOIN #ops");
        _session.Switch(_session.Find("#dev")!);
        Receive(":srv MARKREAD #ops timestamp=2026-11-25T11:00:00.000Z");
        Receive(":srv BATCH +h chathistory #ops");
        Receive("@batch=h;msgid=o1;time=2026-11-25T10:59:00.000Z :alice!~a@h PRIVMSG #ops :read on the phone");
        Receive("@batch=h;msgid=o2;time=2026-11-25T11:01:00.000Z :alice!~a@h PRIVMSG #ops :not read yet");
        Receive(":srv BATCH -h");

        Assert.Equal(1, _session.Find("#ops")!.Unread);
    }
}
