using ChatCloud.TcpEdge.Accounts;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>MARKREAD (IRCv3 draft/read-marker) against the in-memory authority, which keeps positions as the messages service does.</summary>
public sealed class ReadMarkerTests
{
    private static readonly AccountIdentity Alice = new(Guid.NewGuid(), "alice");

    private static async Task<TestConnection> ConnectAsync(Server.IrcServer server, string nick, AccountIdentity? account, string caps = "draft/read-marker")
    {
        var connection = new TestConnection(server);
        await connection.SendAsync($"CAP REQ :{caps}");
        await connection.SendAsync("CAP END");
        connection.Register(nick);
        connection.Session.Account = account;
        return connection;
    }

    [Theory]
    [InlineData("MARKREAD", ":chatcloud.local FAIL MARKREAD NEED_MORE_PARAMS :Missing parameters")]
    [InlineData("MARKREAD #bad,room", ":chatcloud.local FAIL MARKREAD INVALID_PARAMS #bad,room :Invalid parameters")]
    [InlineData("MARKREAD #garden *", ":chatcloud.local FAIL MARKREAD INVALID_PARAMS * :Invalid parameters")]
    [InlineData("MARKREAD #garden timestamp=yesterday", ":chatcloud.local FAIL MARKREAD INVALID_PARAMS timestamp=yesterday :Invalid parameters")]
    public async Task Bad_parameters_are_standard_replies(string line, string reply)
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = await ConnectAsync(server, "alice", Alice);

        Assert.Equal([reply], await alice.LinesOfAsync(line));
    }

    [Fact]
    public async Task A_guest_has_no_position_and_nothing_is_stored()
    {
        var server = CreateServer(TimeProvider.System);
        await using var guest = await ConnectAsync(server, "guest", account: null);

        Assert.Equal([":chatcloud.local MARKREAD #garden *"], await guest.LinesOfAsync("MARKREAD #garden timestamp=2026-01-04T14:33:26.123Z"));
        Assert.Equal([":chatcloud.local MARKREAD #garden *"], await guest.LinesOfAsync("MARKREAD #garden"));
    }

    [Fact]
    public async Task A_position_set_on_one_connection_reaches_the_accounts_others_with_the_cap_and_only_moves_forward()
    {
        var server = CreateServer(TimeProvider.System);
        await using var laptop = await ConnectAsync(server, "alice", Alice);
        await using var phone = await ConnectAsync(server, "alice_", Alice);
        await using var uncapped = await ConnectAsync(server, "alice__", Alice, caps: "server-time");
        await using var bob = await ConnectAsync(server, "bob", new AccountIdentity(Guid.NewGuid(), "bob"));

        Assert.Equal([":chatcloud.local MARKREAD bob *"], await laptop.LinesOfAsync("MARKREAD bob"));
        // The target as the setter wrote it; the position is the account's, whatever the case.
        Assert.Equal([":chatcloud.local MARKREAD #Garden timestamp=2026-01-04T14:33:26.123Z"],
            await laptop.LinesOfAsync("MARKREAD #Garden timestamp=2026-01-04T14:33:26.123Z"));
        Assert.Equal(":chatcloud.local MARKREAD #Garden timestamp=2026-01-04T14:33:26.123Z", await phone.ExpectAsync(l => Verb(l) == "MARKREAD"));

        // Older than what is kept: the setter is told the kept one, and nobody else hears anything.
        Assert.Equal([":chatcloud.local MARKREAD #garden timestamp=2026-01-04T14:33:26.123Z"],
            await laptop.LinesOfAsync("MARKREAD #garden timestamp=2026-01-01T00:00:00.000Z"));
        foreach (var other in new[] { phone, uncapped, bob })
        {
            await other.SendAsync("PING :nothing");
            Assert.Equal("PONG", Verb(await other.ExpectAsync(l => Verb(l) is "MARKREAD" or "PONG")));
        }
        Assert.Equal([":chatcloud.local MARKREAD #garden timestamp=2026-01-04T14:33:26.123Z"], await phone.LinesOfAsync("MARKREAD #garden"));
        Assert.Equal([":chatcloud.local MARKREAD #garden *"], await bob.LinesOfAsync("MARKREAD #garden"));
    }

    [Fact]
    public async Task A_join_is_followed_by_the_rooms_position_before_the_end_of_names()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = await ConnectAsync(server, "alice", Alice);
        await using var guest = await ConnectAsync(server, "guest", account: null);
        await alice.SendAsync("MARKREAD #garden timestamp=2026-01-04T14:33:26.123Z");

        var lines = await alice.LinesOfAsync("JOIN #garden");
        var guestLines = await guest.LinesOfAsync("JOIN #garden");

        Assert.Equal(["JOIN", "353", "MARKREAD", "366"], lines.Select(Verb).ToList());
        Assert.Equal(":chatcloud.local MARKREAD #garden timestamp=2026-01-04T14:33:26.123Z", lines[^2]);
        Assert.Equal(["JOIN", "353", "MARKREAD", "366"], guestLines.Select(Verb).ToList());
        Assert.Equal(":chatcloud.local MARKREAD #garden *", guestLines[^2]);
    }

    [Fact]
    public async Task An_unreachable_store_is_an_internal_error()
    {
        var rooms = new InMemoryRoomAuthority();
        var server = CreateServer(TimeProvider.System, rooms: rooms);
        await using var alice = await ConnectAsync(server, "alice", Alice);
        rooms.Unreachable = true;

        Assert.Equal([":chatcloud.local FAIL MARKREAD INTERNAL_ERROR #garden :The read timestamp could not be set"],
            await alice.LinesOfAsync("MARKREAD #garden timestamp=2026-01-04T14:33:26.123Z"));
        Assert.Equal([":chatcloud.local FAIL MARKREAD INTERNAL_ERROR #garden :The read timestamp could not be returned"],
            await alice.LinesOfAsync("MARKREAD #garden"));
    }
}
