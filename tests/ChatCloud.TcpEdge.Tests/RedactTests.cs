using ChatCloud.Contracts.Messages;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Rooms;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>REDACT (IRCv3 draft/message-redaction) against the in-memory authority, which applies the messages service's rules.</summary>
public sealed class RedactTests
{
    private const string Caps = "message-tags echo-message draft/message-redaction";

    private sealed record Room(InMemoryRoomAuthority Authority, RecordingPublisher Publisher, Server.IrcServer Server);

    private static Room CreateRoom()
    {
        var rooms = new InMemoryRoomAuthority();
        var publisher = new RecordingPublisher();
        return new Room(rooms, publisher, CreateServer(TimeProvider.System, publisher: publisher, rooms: rooms));
    }

    private static async Task<TestConnection> JoinAsync(Room room, string nick, string caps = Caps, AccountIdentity? account = null)
    {
        var connection = new TestConnection(room.Server);
        await connection.SendAsync($"CAP REQ :{caps}");
        await connection.SendAsync("CAP END");
        connection.Register(nick);
        connection.Session.Account = account;
        await connection.SendAsync("JOIN #garden");
        return connection;
    }

    /// <summary><paramref name="author"/> says something in #garden, stored as <paramref name="msgid"/>.</summary>
    private static async Task SayAsync(Room room, TestConnection author, string msgid, DateTimeOffset? time = null)
    {
        await author.SendAsync("PRIVMSG #garden :oops");
        var post = (PostRequested)await room.Publisher.SingleAsync();
        room.Publisher.Published.Clear();
        await room.Authority.StoreAsync(post, time, msgid);
    }

    [Fact]
    public async Task The_author_redacts_and_only_members_with_the_cap_see_it()
    {
        var room = CreateRoom();
        await using var op = await JoinAsync(room, "op");
        await using var alice = await JoinAsync(room, "alice");
        await using var plain = await JoinAsync(room, "plain", caps: "message-tags");
        await SayAsync(room, alice, "m1");

        var lines = await alice.LinesOfAsync("REDACT #garden m1 :a typo");

        Assert.EndsWith($" :alice!~alice@{TestConnection.GuestHost} REDACT #garden m1 :a typo", Assert.Single(lines), StringComparison.Ordinal);
        Assert.EndsWith($":alice!~alice@{TestConnection.GuestHost} REDACT #garden m1 :a typo", await op.ExpectAsync(l => l.Contains(" REDACT ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(await plain.LinesOfAsync("PING :after"), l => l.Contains(" REDACT ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_else_is_forbidden_but_an_operator_may()
    {
        var room = CreateRoom();
        await using var op = await JoinAsync(room, "op");
        await using var alice = await JoinAsync(room, "alice");
        await using var bob = await JoinAsync(room, "bob");
        await SayAsync(room, alice, "m1");

        Assert.Equal([":chatcloud.local FAIL REDACT REDACT_FORBIDDEN #garden m1 :You are not authorised to delete this message"],
            await bob.LinesOfAsync("REDACT #garden m1"));
        Assert.Contains($":op!~op@{TestConnection.GuestHost} REDACT #garden m1", Assert.Single(await op.LinesOfAsync("REDACT #garden m1")), StringComparison.Ordinal);
        Assert.Equal([":chatcloud.local FAIL REDACT UNKNOWN_MSGID #garden m1 :This message does not exist or is too old"],
            await op.LinesOfAsync("REDACT #garden m1"));
    }

    [Fact]
    public async Task An_account_redacts_from_another_connection_under_another_nick()
    {
        var room = CreateRoom();
        var account = new AccountIdentity(Guid.NewGuid(), "alice");
        await using var op = await JoinAsync(room, "op");
        await using var alice = await JoinAsync(room, "alice", account: account);
        await SayAsync(room, alice, "m1");
        await using var phone = await JoinAsync(room, "alice_phone", account: account);

        Assert.Contains(" REDACT #garden m1", Assert.Single(await phone.LinesOfAsync("REDACT #garden m1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_authors_window_it_expires()
    {
        var room = CreateRoom();
        await using var op = await JoinAsync(room, "op");
        await using var alice = await JoinAsync(room, "alice");
        await SayAsync(room, alice, "m1", DateTimeOffset.UtcNow.AddDays(-2));

        Assert.Equal([":chatcloud.local FAIL REDACT REDACT_WINDOW_EXPIRED #garden m1 86400 :You can no longer delete this message"],
            await alice.LinesOfAsync("REDACT #garden m1"));
    }

    [Theory]
    [InlineData("REDACT #elsewhere m1", ":chatcloud.local FAIL REDACT INVALID_TARGET #elsewhere :You cannot delete messages from #elsewhere")]
    [InlineData("REDACT no,body m1", ":chatcloud.local FAIL REDACT INVALID_TARGET no,body :You cannot delete messages from no,body")]
    [InlineData("REDACT #garden", ":chatcloud.local 461 alice REDACT :Not enough parameters")]
    public async Task Bad_targets_and_missing_parameters_are_refused(string line, string reply)
    {
        var room = CreateRoom();
        await using var alice = await JoinAsync(room, "alice");

        Assert.Equal([reply], await alice.LinesOfAsync(line));
    }

    [Fact]
    public async Task An_unreachable_authority_is_temporarily_unavailable()
    {
        var room = CreateRoom();
        await using var alice = await JoinAsync(room, "alice");
        room.Authority.Unreachable = true;

        Assert.Equal([":chatcloud.local FAIL REDACT TEMPORARILY_UNAVAILABLE #garden :Messages cannot be deleted right now; try again in a moment"],
            await alice.LinesOfAsync("REDACT #garden m1"));
    }

    [Fact]
    public async Task A_redact_to_a_nick_asks_for_the_conversation_of_the_two_parties_and_passes_refusals_on()
    {
        var room = CreateRoom();
        await using var alice = await JoinAsync(room, "Alice");
        room.Authority.DirectRedaction = RoomAnswer.Refused<bool>(new RoomRefused("REDACT_WINDOW_EXPIRED", "You can no longer delete this message", "86400"));

        var expired = await alice.LinesOfAsync("REDACT bob m1 :oops");
        var invalid = await alice.LinesOfAsync("REDACT 9lives m1");

        var request = Assert.Single(room.Authority.DirectRedactions);
        Assert.Equal(("n:alice", "bob", "m1", "oops", "Alice"), (request.Party, request.Target, request.MessageId, request.Reason, request.Actor.Nick));
        Assert.Equal([":chatcloud.local FAIL REDACT REDACT_WINDOW_EXPIRED bob m1 86400 :You can no longer delete this message"], expired);
        Assert.Equal([":chatcloud.local FAIL REDACT INVALID_TARGET 9lives :You cannot delete messages from 9lives"], invalid);
    }

    [Fact]
    public async Task A_direct_redaction_reaches_both_parties_with_the_cap_as_a_redact_of_the_recipient_target()
    {
        var room = CreateRoom();
        await using var alice = await JoinAsync(room, "alice");
        await using var bob = await JoinAsync(room, "bob");
        await using var carol = await JoinAsync(room, "carol", caps: "message-tags");
        var at = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var redaction = new DirectMessageStored("r1", Guid.NewGuid(), "n:alice n:bob", "bob", null, "alice", "~alice", "127.0.0.1",
            "REDACT", "a typo", null, at, 7, RedactedMessageId: "m1");
        var delivery = new Delivery.DirectMessageDelivery(room.Server);
        Task Deliver(DirectMessageStored stored) => ((ChatCloud.Messaging.IEventHandler<DirectMessageStored>)delivery).HandleAsync(stored, null!, CancellationToken.None);

        await Deliver(redaction);
        await Deliver(redaction); // the relay sent it twice: shown once
        // Carol holds neither party, and a REDACT for a conversation she is not in must never reach her.
        await Deliver(redaction with { Recipient = "carol", Sequence = 8 });

        Assert.Equal("@msgid=r1 :alice!~alice@127.0.0.1 REDACT bob m1 :a typo", await bob.ExpectAsync(l => l.Contains(" REDACT ", StringComparison.Ordinal)));
        Assert.Equal("@msgid=r1 :alice!~alice@127.0.0.1 REDACT bob m1 :a typo", await alice.ExpectAsync(l => l.Contains(" REDACT ", StringComparison.Ordinal)));
        Assert.DoesNotContain(await bob.LinesOfAsync("PING :after"), l => l.Contains(" REDACT ", StringComparison.Ordinal));
        Assert.DoesNotContain(await carol.LinesOfAsync("PING :after"), l => l.Contains(" REDACT ", StringComparison.Ordinal));
    }
}
