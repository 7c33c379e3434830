using ChatCloud.Contracts.Messages;
using ChatCloud.TcpEdge.Delivery;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>TAGMSG (IRCv3 message-tags): client-only tags for a room, through the bus, to members with message-tags.</summary>
public sealed class TagmsgTests
{
    [Fact]
    public async Task A_tagmsg_is_published_with_only_the_client_only_tags()
    {
        var publisher = new RecordingPublisher();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher));
        alice.Register("alice");
        alice.Send("JOIN #garden");

        await alice.SendAsync("@+typing=active;label=x TAGMSG #garden");

        var sent = Assert.IsType<TagsSent>(Assert.Single(publisher.Published));
        Assert.Equal(("#garden", "alice"), (sent.Room, sent.AuthorNick));
        Assert.Equal(new Dictionary<string, string> { ["+typing"] = "active" }, sent.ClientTags);
    }

    [Theory]
    [InlineData("@+typing=active TAGMSG #elsewhere", ":chatcloud.local 404 alice #elsewhere :Cannot send to channel")]
    [InlineData("@+typing=active TAGMSG bob", ":chatcloud.local 401 alice bob :No such nick/channel")]
    [InlineData("TAGMSG", ":chatcloud.local 461 alice TAGMSG :Not enough parameters")]
    public async Task Bad_targets_are_refused_and_nothing_is_published(string line, string reply)
    {
        var publisher = new RecordingPublisher();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher));
        alice.Register("alice");

        await alice.SendAsync(line);

        Assert.Equal(reply, await alice.ExpectAsync(l => Verb(l) is "401" or "404" or "FAIL" or "461"));
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Only_members_with_message_tags_receive_it_and_the_author_only_with_echo_message()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var tagged = new TestConnection(server);
        await using var plain = new TestConnection(server);
        alice.Send("CAP REQ :message-tags");
        alice.Send("CAP END");
        alice.Register("alice");
        tagged.Send("CAP REQ :message-tags server-time");
        tagged.Send("CAP END");
        tagged.Register("tagged");
        plain.Register("plain");
        foreach (var member in new[] { alice, tagged, plain })
        {
            member.Send("JOIN #garden");
        }
        await alice.SendAsync("@+draft/react=👍;+draft/reply=m1 TAGMSG #garden");
        var sent = (TagsSent)Assert.Single(publisher.Published) with { OccurredAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, 0, TimeSpan.Zero) };

        await new TagsSentDelivery(server).HandleAsync(sent, null!, CancellationToken.None);
        foreach (var member in new[] { alice, plain })
        {
            await member.SendAsync("PING after");
        }

        Assert.Equal($"@time=2026-11-25T12:00:00.000Z;+draft/react=👍;+draft/reply=m1 :alice!~alice@{TestConnection.GuestHost} TAGMSG #garden",
            await tagged.ExpectAsync(l => l.Contains(" TAGMSG ", StringComparison.Ordinal)));
        Assert.Equal("PONG", Verb(await plain.ExpectAsync(l => l.Contains(" TAGMSG ", StringComparison.Ordinal) || Verb(l) == "PONG")));
        Assert.Equal("PONG", Verb(await alice.ExpectAsync(l => l.Contains(" TAGMSG ", StringComparison.Ordinal) || Verb(l) == "PONG")));
    }

    [Fact]
    public async Task A_tagmsg_to_a_nick_on_another_edge_reaches_it_and_echoes_to_its_author_with_the_label()
    {
        var directory = new SharedNickDirectory();
        var publisher = new RecordingPublisher();
        var aliceEdge = CreateServer(TimeProvider.System, publisher: publisher, nicks: directory.For("edge-a"));
        var bobEdge = CreateServer(TimeProvider.System, nicks: directory.For("edge-b"));
        await using var alice = new TestConnection(aliceEdge);
        await using var bob = new TestConnection(bobEdge);
        alice.Send("CAP REQ :message-tags echo-message labeled-response batch");
        alice.Send("CAP END");
        alice.Register("alice");
        bob.Send("CAP REQ :message-tags server-time");
        bob.Send("CAP END");
        bob.Register("Bob");

        await alice.SendAsync("@label=t1;+typing=active;secret=dropped TAGMSG bob");
        var sent = Assert.IsType<DirectTagsSent>(await publisher.SingleAsync()) with { OccurredAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, 0, TimeSpan.Zero) };
        Assert.Equal("Bob", sent.Recipient);
        Assert.Equal(new Dictionary<string, string> { ["+typing"] = "active" }, sent.ClientTags);

        // Every edge hears it (a broadcast); each hands it to the party it holds.
        await new DirectTagsSentDelivery(bobEdge).HandleAsync(sent, null!, CancellationToken.None);
        await new DirectTagsSentDelivery(aliceEdge).HandleAsync(sent, null!, CancellationToken.None);

        Assert.Equal($"@time=2026-11-25T12:00:00.000Z;+typing=active :alice!~alice@{TestConnection.GuestHost} TAGMSG Bob",
            await bob.ExpectAsync(l => l.Contains(" TAGMSG ", StringComparison.Ordinal)));
        Assert.Equal($"@label=t1;+typing=active :alice!~alice@{TestConnection.GuestHost} TAGMSG Bob",
            await alice.ExpectAsync(l => l.Contains(" TAGMSG ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_recipient_without_message_tags_is_sent_nothing()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var plain = new TestConnection(server);
        alice.Send("CAP REQ :message-tags");
        alice.Send("CAP END");
        alice.Register("alice");
        plain.Register("plain");

        await alice.SendAsync("@+typing=active TAGMSG plain");
        await new DirectTagsSentDelivery(server).HandleAsync((DirectTagsSent)await publisher.SingleAsync(), null!, CancellationToken.None);
        await plain.SendAsync("PING after");

        Assert.Equal("PONG", Verb(await plain.ExpectAsync(l => l.Contains(" TAGMSG ", StringComparison.Ordinal) || Verb(l) == "PONG")));
    }
}
