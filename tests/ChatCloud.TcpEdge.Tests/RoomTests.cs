using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Delivery;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

public sealed class RoomTests
{
    [Fact]
    public async Task Joining_tells_every_member_and_lists_the_names()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");

        alice.Send("JOIN #garden");
        bob.Send("JOIN #Garden");

        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} JOIN #garden", await alice.ExpectAsync(line => line.Contains(" JOIN ", StringComparison.Ordinal) && line.StartsWith(":bob", StringComparison.Ordinal)));
        Assert.Equal(":chatcloud.local 353 bob = #garden :@alice bob", await bob.ExpectAsync(line => Verb(line) == "353"));
        Assert.Equal(":chatcloud.local 366 bob #garden :End of /NAMES list", await bob.ExpectAsync(line => Verb(line) == "366"));
    }

    [Fact]
    public async Task Joining_a_room_without_a_topic_sends_no_topic_line()
    {
        await using var connection = new TestConnection();
        connection.Register("dana");

        connection.Send("JOIN #quiet");
        var afterJoin = await connection.ExpectAsync(line => Verb(line) is "331" or "332" or "353");

        Assert.Equal("353", Verb(afterJoin));
    }

    [Theory]
    [InlineData("JOIN nohash", "403")]
    [InlineData("PART #nowhere", "403")]
    [InlineData("PRIVMSG", "411")]
    [InlineData("PRIVMSG #garden", "412")]
    [InlineData("PRIVMSG #elsewhere :hi", "404")]
    public async Task Room_commands_answer_bad_requests_with_the_spec_numeric(string line, string numeric)
    {
        await using var connection = new TestConnection();
        connection.Register("carol");
        connection.Send("JOIN #garden");
        await connection.ExpectAsync(reply => Verb(reply) == "366");

        connection.Send(line);

        Assert.Equal(numeric, Verb(await connection.ExpectAsync(_ => true)));
    }

    [Fact]
    public async Task A_room_message_is_posted_for_storage_and_not_delivered_by_the_edge_itself()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        alice.Register("alice");
        alice.Send("JOIN #garden");

        await alice.SendAsync("@+draft/reply=abc PRIVMSG #garden :hello there");

        var post = Assert.IsType<PostRequested>(await publisher.SingleAsync());
        Assert.Equal(("#garden", "alice", "PRIVMSG", "hello there"), (post.Room, post.AuthorNick, post.Kind, post.Text));
        Assert.Equal("abc", post.ClientTags!["+draft/reply"]);
    }

    [Fact]
    public async Task A_stored_message_reaches_every_local_member_but_its_author()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        alice.Send("JOIN #garden");
        bob.Send("JOIN #garden");
        await alice.SendAsync("PRIVMSG #garden :hello bob");
        var post = (PostRequested)await publisher.SingleAsync();

        await new MessageStoredDelivery(server).HandleAsync(Stored(post), null!, CancellationToken.None);
        await alice.SendAsync("PING after");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} PRIVMSG #garden :hello bob", await bob.ExpectAsync(line => Verb(line) == "PRIVMSG"));
        Assert.Equal("PONG", Verb(await alice.ExpectAsync(line => Verb(line) is "PRIVMSG" or "PONG")));
    }

    [Fact]
    public async Task A_stored_message_carries_msgid_and_client_tags_only_to_members_with_message_tags()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var tagged = new TestConnection(server);
        await using var plain = new TestConnection(server);
        alice.Register("alice");
        tagged.Send("CAP REQ :message-tags server-time");
        tagged.Send("CAP END");
        tagged.Register("tagged");
        plain.Register("plain");
        alice.Send("JOIN #garden");
        tagged.Send("JOIN #garden");
        plain.Send("JOIN #garden");
        await alice.SendAsync("@+draft/reply=m0;+draft/react=x PRIVMSG #garden :hello");
        var post = (PostRequested)await publisher.SingleAsync();
        var stored = Stored(post) with { ServerTime = new DateTimeOffset(2026, 11, 25, 12, 0, 0, 5, TimeSpan.Zero) };

        await new MessageStoredDelivery(server).HandleAsync(stored, null!, CancellationToken.None);

        Assert.Equal($"@msgid=01jdxyz;time=2026-11-25T12:00:00.005Z;+draft/react=x;+draft/reply=m0 :alice!~alice@{TestConnection.GuestHost} PRIVMSG #garden hello",
            await tagged.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal)));
        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} PRIVMSG #garden hello", await plain.ExpectAsync(line => Verb(line) == "PRIVMSG"));
    }

    [Fact]
    public async Task A_post_the_broker_does_not_confirm_is_reported_to_its_author()
    {
        var server = CreateServer(TimeProvider.System, publisher: new RecordingPublisher(refuse: true));
        await using var alice = new TestConnection(server);
        alice.Register("alice");
        alice.Send("JOIN #garden");

        await alice.SendAsync("PRIVMSG #garden :lost?");

        Assert.StartsWith(":chatcloud.local FAIL PRIVMSG MESSAGE_NOT_SENT", await alice.ExpectAsync(line => Verb(line) == "FAIL"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_tells_the_room_and_an_empty_room_is_forgotten()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        alice.Send("JOIN #garden");
        bob.Send("JOIN #garden");

        bob.Send("PART #garden :off to lunch");
        var parted = await alice.ExpectAsync(line => Verb(line) == "PART");
        await alice.SendAsync("PART #garden");

        Assert.Equal($":bob!~bob@{TestConnection.GuestHost} PART #garden :off to lunch", parted);
        Assert.Null(server.Rooms.Find("#garden"));
    }

    [Fact]
    public async Task A_closed_connection_leaves_no_pending_posts_behind()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        alice.Register("alice");
        alice.Send("JOIN #garden");
        await alice.SendAsync("PRIVMSG #garden :never stored");
        var pendingBefore = server.Pending.Count;

        server.Pending.Forget(alice.Session);

        Assert.Equal(1, pendingBefore);
        Assert.Equal(0, server.Pending.Count);
    }

    private static MessageStored Stored(PostRequested post) =>
        new("01jdxyz", post.Id, post.Room, post.AuthorAccountId, post.AuthorNick, post.AuthorUser, post.AuthorHost,
            post.Kind, post.Text, post.ClientTags, DateTimeOffset.UtcNow, 1000);

    [Fact]
    public async Task A_message_too_long_to_relay_with_its_source_prefix_is_cut_to_fit_before_it_is_stored()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        alice.Register("alice");
        alice.Send("JOIN #garden");
        var text = new string('x', 512 - "PRIVMSG #garden :".Length - 2);

        await alice.SendAsync($"PRIVMSG #garden :{text}");

        var post = (PostRequested)await publisher.SingleAsync();
        var relayed = IrcWriter.GetBytes(new IrcMessage(alice.Session.Prefix, "PRIVMSG", ["#garden", post.Text]));
        Assert.InRange(relayed.Length, 500, 512);
        Assert.StartsWith(post.Text, text, StringComparison.Ordinal);
    }
}
