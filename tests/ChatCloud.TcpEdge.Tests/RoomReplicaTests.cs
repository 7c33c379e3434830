using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.TcpEdge.Rooms;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// Rooms live with their authority; each edge keeps replicas fed by the rooms' streams. Two edges
/// here share one in-memory authority, which hands each event to both before it answers.
/// </summary>
public sealed class RoomReplicaTests
{
    [Fact]
    public async Task Members_on_two_edges_see_each_others_joins_parts_and_names()
    {
        var rooms = new InMemoryRoomAuthority();
        var directory = new SharedNickDirectory();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("a"), rooms: rooms));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("b"), rooms: rooms));
        alice.Register("alice");
        bob.Register("bob");

        await alice.SendAsync("JOIN #yard");
        await bob.SendAsync("JOIN #yard");
        var joined = await alice.ExpectAsync(line => line.StartsWith(":bob!", StringComparison.Ordinal));
        var names = await bob.ExpectAsync(line => Verb(line) == "353");
        await bob.SendAsync("PART #yard later");
        var parted = await alice.ExpectAsync(line => line.StartsWith(":bob!", StringComparison.Ordinal));
        var ownPart = await bob.ExpectAsync(line => Verb(line) == "PART");

        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} JOIN #yard", joined);
        Assert.Equal(":chatcloud.local 353 bob = #yard :@alice bob", names);
        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} PART #yard later", parted);
        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} PART #yard later", ownPart);
        Assert.Null(bob.Server.Rooms.Find("#yard"));
        Assert.Equal(["alice"], alice.Server.Rooms.Find("#yard")!.View().Members.Select(m => m.Nick));
    }

    [Fact]
    public async Task A_stored_message_reaches_members_on_every_edge_once()
    {
        var rooms = new InMemoryRoomAuthority();
        var publisher = new RecordingPublisher();
        var directory = new SharedNickDirectory();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher, nicks: directory.For("a"), rooms: rooms));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("b"), rooms: rooms));
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #yard");
        await bob.SendAsync("JOIN #yard");
        await alice.SendAsync("PRIVMSG #yard across");
        var post = (PostRequested)await publisher.SingleAsync();

        await rooms.StoreAsync(post);
        await bob.SendAsync("PING after");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} PRIVMSG #yard across", await bob.ExpectAsync(line => Verb(line) == "PRIVMSG"));
        Assert.Equal("PONG", Verb(await bob.ExpectAsync(line => Verb(line) is "PRIVMSG" or "PONG")));
    }

    [Fact]
    public async Task A_quit_seen_in_two_shared_rooms_is_shown_once()
    {
        var rooms = new InMemoryRoomAuthority();
        var server = CreateServer(TimeProvider.System, rooms: rooms);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        foreach (var room in new[] { "#one", "#two" })
        {
            await alice.SendAsync($"JOIN {room}");
            await bob.SendAsync($"JOIN {room}");
        }

        await rooms.QuitAsync(new QuitRequest(bob.Session.ToRoomActor(), "Quit: bye"), CancellationToken.None);
        await alice.SendAsync("PING after");

        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} QUIT :Quit: bye", await alice.ExpectAsync(line => Verb(line) == "QUIT"));
        Assert.Equal("PONG", Verb(await alice.ExpectAsync(line => Verb(line) is "QUIT" or "PONG")));
    }

    [Fact]
    public async Task When_the_authority_does_not_answer_a_join_is_refused_for_now_and_nothing_is_kept()
    {
        var rooms = new InMemoryRoomAuthority { Unreachable = true };
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, rooms: rooms));
        alice.Register("alice");

        await alice.SendAsync("JOIN #yard");

        Assert.Equal(":chatcloud.local FAIL JOIN TEMPORARILY_UNAVAILABLE #yard :Rooms cannot be joined right now; try again in a moment",
            await alice.ExpectAsync(line => Verb(line) == "FAIL"));
        Assert.Null(alice.Server.Rooms.Find("#yard"));
    }

    [Fact]
    public async Task A_topic_set_by_an_operator_reaches_the_room_and_a_member_without_ops_is_refused_on_plus_t()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #yard");
        await bob.SendAsync("JOIN #yard");

        await alice.SendAsync("TOPIC #yard :spring cleaning");
        var seen = await bob.ExpectAsync(line => Verb(line) == "TOPIC");
        await bob.SendAsync("TOPIC #yard :mine now");
        var refused = await bob.ExpectAsync(line => Verb(line) == "482");
        await bob.SendAsync("TOPIC #yard");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} TOPIC #yard :spring cleaning", seen);
        Assert.Equal(":chatcloud.local 482 bob #yard :You're not channel operator", refused);
        Assert.Equal(":chatcloud.local 332 bob #yard :spring cleaning", await bob.ExpectAsync(line => Verb(line) == "332"));
        Assert.StartsWith($":chatcloud.local 333 bob #yard alice!~alice@{TestConnection.GuestHost} ", await bob.ExpectAsync(_ => true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kicked_member_is_told_and_may_no_longer_speak_there()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #yard");
        await bob.SendAsync("JOIN #yard");

        await alice.SendAsync("KICK #yard bob enough");
        var kicked = await bob.ExpectAsync(line => Verb(line) == "KICK");
        await bob.SendAsync("PRIVMSG #yard :hey");
        await alice.SendAsync("KICK #yard ghost");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} KICK #yard bob enough", kicked);
        Assert.Equal("404", Verb(await bob.ExpectAsync(line => Verb(line) == "404")));
        Assert.Equal(":chatcloud.local 441 alice ghost #yard :They aren't on that channel", await alice.ExpectAsync(line => Verb(line) == "441"));
    }

    [Fact]
    public async Task An_invitation_reaches_the_invited_user_on_another_edge_and_the_inviter_gets_341()
    {
        var rooms = new InMemoryRoomAuthority();
        var directory = new SharedNickDirectory();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("a"), rooms: rooms));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("b"), rooms: rooms));
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #yard");

        await alice.SendAsync("INVITE bob #yard");
        await alice.SendAsync("INVITE nobody #yard");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} INVITE bob #yard", await bob.ExpectAsync(line => Verb(line) == "INVITE"));
        Assert.Equal(":chatcloud.local 341 alice bob #yard", await alice.ExpectAsync(line => Verb(line) == "341"));
        Assert.Equal(":chatcloud.local 401 alice nobody :No such nick/channel", await alice.ExpectAsync(line => Verb(line) == "401"));
    }

    [Fact]
    public async Task A_nick_change_the_authority_cannot_record_is_undone()
    {
        var rooms = new InMemoryRoomAuthority();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, rooms: rooms));
        alice.Register("alice");
        await alice.SendAsync("JOIN #yard");
        rooms.Unreachable = true;

        await alice.SendAsync("NICK alicia");

        Assert.Equal(":chatcloud.local FAIL NICK TEMPORARILY_UNAVAILABLE alicia :Nicknames cannot be changed right now; try again in a moment",
            await alice.ExpectAsync(line => Verb(line) == "FAIL"));
        Assert.Equal("alice", alice.Session.Nick);
        Assert.Same(alice.Session, alice.Server.Nicks.Find("alice"));
        Assert.Null(alice.Server.Nicks.Find("alicia"));
    }

    [Fact]
    public async Task Away_and_setname_reach_room_mates_on_another_edge_who_asked_for_them()
    {
        var rooms = new InMemoryRoomAuthority();
        var feed = new SharedPresenceFeed();
        var directory = new SharedNickDirectory();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("a"), rooms: rooms, presence: feed));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("b"), rooms: rooms, presence: feed));
        await using var stranger = new TestConnection(bob.Server);
        alice.Register("alice");
        bob.Send("CAP REQ :away-notify setname");
        bob.Send("CAP END");
        bob.Register("bob");
        stranger.Send("CAP REQ :away-notify");
        stranger.Send("CAP END");
        stranger.Register("stranger");
        await alice.SendAsync("JOIN #yard");
        await bob.SendAsync("JOIN #yard");

        await alice.SendAsync("AWAY :lunch");
        await alice.SendAsync("SETNAME :Alice Liddell");
        await stranger.SendAsync("PING quiet");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} AWAY lunch", await bob.ExpectAsync(line => Verb(line) == "AWAY"));
        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} SETNAME :Alice Liddell", await bob.ExpectAsync(line => Verb(line) == "SETNAME"));
        Assert.Equal("PONG", Verb(await stranger.ExpectAsync(line => Verb(line) is "AWAY" or "PONG")));
    }

    [Fact]
    public async Task A_quit_the_authority_did_not_take_is_tried_again_until_it_does()
    {
        var rooms = new InMemoryRoomAuthority();
        var server = CreateServer(TimeProvider.System, rooms: rooms);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #yard");
        await bob.SendAsync("JOIN #yard");
        rooms.Unreachable = true;
        server.QuitRetries.Add(new QuitRequest(bob.Session.ToRoomActor(), "Ping timeout"));

        await server.QuitRetries.RetryAsync(CancellationToken.None);
        var whileDown = server.QuitRetries.Count;
        rooms.Unreachable = false;
        await server.QuitRetries.RetryAsync(CancellationToken.None);

        Assert.Equal(1, whileDown);
        Assert.Equal(0, server.QuitRetries.Count);
        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} QUIT :Ping timeout", await alice.ExpectAsync(line => Verb(line) == "QUIT"));
    }

    [Fact]
    public void Events_that_race_a_joins_answer_are_shown_to_the_joiner_exactly_once()
    {
        var room = new LocalRoom("#race");
        var server = CreateServer(TimeProvider.System);
        var session = new TestConnection(server).Session;
        room.BeginJoin();
        // The join was stored at 5; 6 and 7 came through the bus before the answer did.
        Assert.False(room.Receive(Event(5, "JOIN", "me"), out _));
        Assert.False(room.Receive(Event(6, "PRIVMSG", "other"), out _));
        Assert.False(room.Receive(Event(7, "PRIVMSG", "other"), out _));
        IReadOnlyList<MessageStored> replayed = [];

        room.CompleteJoin(session, Snapshot(5), (_, after) => replayed = after);

        Assert.Equal([6L, 7L], replayed.Select(e => e.Sequence));
        Assert.Equal(5, room.Local.Single().Value);
        Assert.False(room.Receive(Event(7, "PRIVMSG", "other"), out _));
        Assert.True(room.Receive(Event(8, "PRIVMSG", "other"), out var gap));
        Assert.False(gap);
        Assert.True(room.Receive(Event(10, "PRIVMSG", "other"), out gap));
        Assert.True(gap);
    }

    [Fact]
    public void A_joiner_answered_after_a_newer_snapshot_is_still_shown_what_came_after_its_own()
    {
        var room = new LocalRoom("#race");
        var server = CreateServer(TimeProvider.System);
        var (first, second) = (new TestConnection(server).Session, new TestConnection(server).Session);
        room.BeginJoin();
        room.BeginJoin();

        // The second joiner's answer (stored at 6) arrives first; the first's (at 5) next; the bus later.
        room.CompleteJoin(second, Snapshot(6), (_, after) => Assert.Empty(after));
        room.CompleteJoin(first, Snapshot(5), (_, after) => Assert.Empty(after));
        var fifth = room.Receive(Event(5, "JOIN", "first"), out _);
        var sixth = room.Receive(Event(6, "JOIN", "second"), out var gap);

        Assert.True(fifth && sixth);
        Assert.False(gap);
        Assert.Equal(5, room.Local.Single(member => member.Key == first).Value);
        Assert.Equal(6, room.Local.Single(member => member.Key == second).Value);
    }

    [Fact]
    public void The_replica_follows_modes_prefixes_bans_and_nick_changes()
    {
        var room = new LocalRoom("#modes");
        var session = new TestConnection().Session;
        room.BeginJoin();
        room.CompleteJoin(session, Snapshot(1), (_, _) => { });

        room.Receive(Event(2, "MODE", "chief", ["+mklo-t+b", "sesame", "5", "crew", "spam!*@*"]), out _);
        room.Receive(Event(3, "NICK", "crew", ["mate"]), out _);
        room.Receive(Event(4, "MODE", "chief", ["-k+v", "*", "mate"]), out _);
        var view = room.View();

        Assert.Equal(("imn", null, 5), (view.Modes, view.Key, view.Limit));
        Assert.Equal([("chief", "o"), ("mate", "ov")], view.Members.Select(m => (m.Nick, m.Prefixes)));
        Assert.Equal(["spam!*@*"], view.Bans!.Select(b => b.Mask));
    }

    private static RoomSnapshot Snapshot(long sequence) =>
        new("#race", sequence, DateTimeOffset.UnixEpoch, "int", null, null, null,
            [new RoomMember("chief", "c", "h", null, "o"), new RoomMember("crew", "c", "h", null, "")]);

    private static MessageStored Event(long sequence, string kind, string nick, IReadOnlyList<string>? arguments = null) =>
        new($"m{sequence}", Guid.NewGuid(), "#race", null, nick, "u", "h", kind, "", null, DateTimeOffset.UnixEpoch, sequence, arguments);
}
