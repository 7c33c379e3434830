using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>Nicknames are unique across edges, through the directory every edge shares.</summary>
public sealed class NickDirectoryTests
{
    [Fact]
    public async Task A_nick_held_on_another_edge_is_in_use_until_its_holder_lets_it_go()
    {
        var directory = new SharedNickDirectory();
        await using var onA = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-a")));
        await using var onB = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b")));
        onA.Register("alice");

        await onB.SendAsync("NICK Alice");
        var refused = await onB.ExpectAsync(line => Verb(line) == "433");
        await onA.SendAsync("NICK alice2");
        await onB.SendAsync("NICK Alice");
        await onB.SendAsync("USER b 0 * :b");

        Assert.Equal(":chatcloud.local 433 * Alice :Nickname is already in use", refused);
        Assert.Equal($":chatcloud.local 001 Alice :Welcome to the ChatCloud Network, Alice!~b@{TestConnection.GuestHost}",
            await onB.ExpectAsync(line => Verb(line) == "001"));
    }

    [Fact]
    public async Task When_the_directory_cannot_answer_the_nick_change_is_refused_and_the_old_nick_kept()
    {
        var directory = new SharedNickDirectory();
        var server = CreateServer(TimeProvider.System, nicks: directory.For("edge"));
        await using var alice = new TestConnection(server);
        await using var other = new TestConnection(server);
        alice.Register("alice");
        directory.Unreachable = true;

        await alice.SendAsync("NICK bob");
        var failed = await alice.ExpectAsync(line => Verb(line) == "FAIL");
        directory.Unreachable = false;
        await other.SendAsync("NICK alice");

        Assert.Equal(":chatcloud.local FAIL NICK TEMPORARILY_UNAVAILABLE bob :Nicknames cannot be checked right now; try again in a moment", failed);
        Assert.Equal("alice", alice.Session.Nick);
        Assert.Equal("433", Verb(await other.ExpectAsync(line => Verb(line) == "433")));
    }

    [Fact]
    public async Task Members_sharing_rooms_see_a_nick_change_once()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        foreach (var room in new[] { "#one", "#two" })
        {
            alice.Send($"JOIN {room}");
            bob.Send($"JOIN {room}");
        }

        await alice.SendAsync("NICK alicia");
        await bob.SendAsync("PING after");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} NICK alicia", await bob.ExpectAsync(line => Verb(line) == "NICK"));
        Assert.Equal("PONG", Verb(await bob.ExpectAsync(line => Verb(line) is "NICK" or "PONG")));
    }
}
