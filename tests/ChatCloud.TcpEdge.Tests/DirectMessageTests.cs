using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Delivery;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>PRIVMSG and NOTICE to a nick: looked up across edges, posted for storage, delivered to the parties.</summary>
public sealed class DirectMessageTests
{
    private static readonly DateTimeOffset StoredAt = new(2026, 11, 25, 12, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_message_to_a_nick_on_another_edge_is_posted_to_the_conversation_of_the_two_parties()
    {
        var directory = new SharedNickDirectory();
        var publisher = new RecordingPublisher();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher, nicks: directory.For("edge-a")));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b")));
        alice.Register("Alice");
        bob.Register("Bob[m]");

        await alice.SendAsync("@+draft/reply=m1;label=x PRIVMSG bob{M} :hi there");

        var post = Assert.IsType<PostRequested>(await publisher.SingleAsync());
        Assert.Equal(("Bob[m]", "n:alice n:bob{m}", "hi there"), (post.Room, post.Conversation, post.Text));
        Assert.Equal(new Dictionary<string, string> { ["+draft/reply"] = "m1" }, post.ClientTags);
    }

    [Theory]
    [InlineData("PRIVMSG nobody :hi", ":chatcloud.local 401 alice nobody :No such nick/channel")]
    [InlineData("PRIVMSG no,body :hi", ":chatcloud.local 401 alice no :No such nick/channel")]
    [InlineData("PRIVMSG 9lives :hi", ":chatcloud.local 401 alice 9lives :No such nick/channel")]
    public async Task A_message_to_nobody_is_answered_401_and_not_posted(string line, string reply)
    {
        var publisher = new RecordingPublisher();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher));
        alice.Register("alice");

        await alice.SendAsync(line);

        Assert.Equal(reply, await alice.ExpectAsync(l => Verb(l) == "401"));
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task A_notice_is_never_answered_with_an_error_nor_with_away()
    {
        var directory = new SharedNickDirectory();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-a")));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b")));
        alice.Register("alice");
        bob.Register("bob");
        await bob.SendAsync("AWAY :gone fishing");

        await alice.SendAsync("NOTICE nobody :hi");
        await alice.SendAsync("NOTICE bob :hi");
        directory.Unreachable = true;
        await alice.SendAsync("NOTICE bob :hi");
        await alice.SendAsync("PING mark");

        Assert.Equal("PONG", Verb(await alice.ExpectAsync(l => Verb(l) is "401" or "301" or "FAIL" or "PONG")));
    }

    [Fact]
    public async Task A_message_to_someone_away_is_posted_and_answered_with_their_away_message()
    {
        var directory = new SharedNickDirectory();
        var publisher = new RecordingPublisher();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher, nicks: directory.For("edge-a")));
        await using var bob = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b")));
        alice.Register("alice");
        bob.Register("bob");
        await bob.SendAsync("AWAY :gone fishing");

        await alice.SendAsync("PRIVMSG BOB :hi");

        Assert.Equal(":chatcloud.local 301 alice bob :gone fishing", await alice.ExpectAsync(l => Verb(l) == "301"));
        Assert.IsType<PostRequested>(await publisher.SingleAsync());
    }

    [Fact]
    public async Task When_the_directory_does_not_answer_the_message_is_refused_as_temporarily_unavailable()
    {
        var directory = new SharedNickDirectory();
        var publisher = new RecordingPublisher();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher, nicks: directory.For("edge-a")));
        alice.Register("alice");
        directory.Unreachable = true;

        await alice.SendAsync("PRIVMSG bob :hi");

        Assert.Equal(":chatcloud.local FAIL PRIVMSG TEMPORARILY_UNAVAILABLE bob :Users cannot be looked up right now; try again in a moment",
            await alice.ExpectAsync(l => Verb(l) == "FAIL"));
        Assert.Empty(publisher.Published);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_recipient_gets_the_stored_line_once_and_the_author_only_with_echo_message(bool echo)
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Send(echo ? "CAP REQ :echo-message message-tags server-time" : "CAP REQ :message-tags server-time");
        alice.Send("CAP END");
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("PRIVMSG bob :hi bob");
        var post = Assert.IsType<PostRequested>(await publisher.SingleAsync());
        var stored = new DirectMessageStored("01msgid", post.Id, post.Conversation!, post.Room, null, post.AuthorNick, post.AuthorUser,
            post.AuthorHost, post.Kind, post.Text, post.ClientTags, StoredAt, Sequence: 1);
        var delivery = new DirectMessageDelivery(server);

        // The relay may send a batch twice; a conversation's sequence is shown once.
        await ((IEventHandler<DirectMessageStored>)delivery).HandleAsync(stored, null!, CancellationToken.None);
        await ((IEventHandler<DirectMessageStored>)delivery).HandleAsync(stored, null!, CancellationToken.None);
        await bob.SendAsync("PING after");
        await alice.SendAsync("PING after");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} PRIVMSG bob :hi bob", await bob.ExpectAsync(l => Verb(l) == "PRIVMSG"));
        Assert.Equal("PONG", Verb(await bob.ExpectAsync(l => Verb(l) is "PRIVMSG" or "PONG")));
        // Tagged lines start with '@', so they are matched by their command, not by Verb.
        var first = await alice.ExpectAsync(l => l.Contains(" PRIVMSG ", StringComparison.Ordinal) || Verb(l) == "PONG");
        if (echo)
        {
            Assert.Equal($"@msgid=01msgid;time=2026-11-25T12:00:00.000Z :alice!~alice@{TestConnection.GuestHost} PRIVMSG bob :hi bob", first);
            first = await alice.ExpectAsync(l => l.Contains(" PRIVMSG ", StringComparison.Ordinal) || Verb(l) == "PONG");
        }
        Assert.Equal("PONG", Verb(first));
    }

    [Fact]
    public async Task A_guest_who_took_the_nick_since_is_not_the_party_and_gets_nothing()
    {
        var server = CreateServer(TimeProvider.System);
        await using var bob = new TestConnection(server);
        bob.Register("bob");
        var stored = new DirectMessageStored("01msgid", Guid.NewGuid(), "a:alice a:bob", "bob", null, "alice", "~alice", "127.0.0.1",
            "PRIVMSG", "for account bob only", null, StoredAt, Sequence: 1);

        await ((IEventHandler<DirectMessageStored>)new DirectMessageDelivery(server)).HandleAsync(stored, null!, CancellationToken.None);
        await bob.SendAsync("PING after");

        Assert.Equal("PONG", Verb(await bob.ExpectAsync(l => Verb(l) is "PRIVMSG" or "PONG")));
    }
}
