using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Two edge replicas, one room: users connected to different edges share it through the room
/// authority and its stream, and the members of an edge that crashes are swept out of their rooms.
/// </summary>
public sealed class RoomsAcrossEdgesTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_on_two_edges_share_a_room_its_messages_modes_and_quits()
    {
        await using var second = await EdgeProcess.StartAsync(suite, Cancellation);
        await using var alice = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var bob = await ConnectAsync(second.IrcPort, cancellationToken: Cancellation);
        var room = "#edges" + Guid.NewGuid().ToString("N")[..6];
        await alice.RegisterAsync("edgealice", Cancellation);
        await bob.RegisterAsync("edgebob", Cancellation);
        await alice.SendAsync($"JOIN {room}", Cancellation);
        await alice.ExpectAsync(line => Verb(line) == "366", Cancellation);

        await bob.SendAsync($"JOIN {room}", Cancellation);
        var names = await bob.ExpectAsync(line => Verb(line) == "353", Cancellation);
        var joined = await alice.ExpectAsync(line => Verb(line) == "JOIN", Cancellation);
        await alice.SendAsync($"PRIVMSG {room} :hello from the first edge", Cancellation);
        var message = await bob.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);
        await alice.SendAsync($"MODE {room} +v edgebob", Cancellation);
        var modeOnSecond = await bob.ExpectAsync(line => Verb(line) == "MODE", Cancellation);
        await bob.SendAsync($"TOPIC {room} :not an operator", Cancellation);
        var refused = await bob.ExpectAsync(line => Verb(line) == "482", Cancellation);
        await bob.SendAsync("QUIT :see you", Cancellation);
        var quit = await alice.ExpectAsync(line => Verb(line) == "QUIT", Cancellation);

        Assert.EndsWith($"353 edgebob = {room} :@edgealice edgebob", names, StringComparison.Ordinal);
        Assert.Equal($":edgebob!~edgebob@user/edgebob JOIN {room}", joined);
        Assert.Equal($":edgealice!~edgealice@user/edgealice PRIVMSG {room} :hello from the first edge", message);
        Assert.Equal($":edgealice!~edgealice@user/edgealice MODE {room} +v edgebob", modeOnSecond);
        Assert.Equal($":chatcloud.local 482 edgebob {room} :You're not channel operator", refused);
        Assert.Equal(":edgebob!~edgebob@user/edgebob QUIT :Quit: see you", quit);
    }

    [Fact]
    public async Task An_invitation_reaches_a_user_on_an_edge_where_nobody_is_in_the_room()
    {
        await using var second = await EdgeProcess.StartAsync(suite, Cancellation);
        await using var alice = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var dan = await ConnectAsync(second.IrcPort, cancellationToken: Cancellation);
        var room = "#invite" + Guid.NewGuid().ToString("N")[..6];
        await alice.RegisterAsync("invalice", Cancellation);
        await dan.RegisterAsync("invdan", Cancellation);
        await alice.SendAsync($"JOIN {room}", Cancellation);
        await alice.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await alice.SendAsync($"MODE {room} +i", Cancellation);
        await alice.ExpectAsync(line => Verb(line) == "MODE", Cancellation);

        // The second edge has nobody in the room, so it is bound to none of its events but this one.
        await alice.SendAsync($"INVITE invdan {room}", Cancellation);
        var inviting = await alice.ExpectAsync(line => Verb(line) == "341", Cancellation);
        var invite = await dan.ExpectAsync(line => Verb(line) == "INVITE", Cancellation);
        await dan.SendAsync($"JOIN {room}", Cancellation);
        var joined = await dan.ExpectAsync(line => Verb(line) is "366" or "473", Cancellation);

        Assert.EndsWith($"341 invalice invdan {room}", inviting, StringComparison.Ordinal);
        Assert.Equal($":invalice!~invalice@user/invalice INVITE invdan {room}", invite);
        Assert.Equal("366", Verb(joined));
    }

    [Fact]
    public async Task Members_of_an_edge_that_crashes_are_shown_quitting_once_its_heartbeat_lapses()
    {
        var second = await EdgeProcess.StartAsync(suite, Cancellation);
        await using var alice = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        var carol = await ConnectAsync(second.IrcPort, cancellationToken: Cancellation);
        var room = "#crash" + Guid.NewGuid().ToString("N")[..6];
        await alice.RegisterAsync("crashalice", Cancellation);
        await carol.RegisterAsync("crashcarol", Cancellation);
        await alice.SendAsync($"JOIN {room}", Cancellation);
        await alice.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await carol.SendAsync($"JOIN {room}", Cancellation);
        await alice.ExpectAsync(line => Verb(line) == "JOIN", Cancellation);

        second.Crash();
        await carol.DisposeAsync();
        await second.DisposeAsync();
        // The heartbeat lives 15 s and the sweeper wants two misses 15 s apart: within about a minute.
        var quit = await WaitForAsync(alice, line => Verb(line) == "QUIT", TimeSpan.FromSeconds(90));
        await alice.SendAsync($"NAMES {room}", Cancellation);
        var names = await alice.ExpectAsync(line => Verb(line) == "353", Cancellation);

        Assert.Equal(":crashcarol!~crashcarol@user/crashcarol QUIT :Connection lost", quit);
        Assert.EndsWith($"{room} @crashalice", names, StringComparison.Ordinal);
    }

    /// <summary>Reads lines for longer than one request's deadline, pinging so the connection is never idle.</summary>
    private static async Task<string> WaitForAsync(IrcTestClient client, Func<string, bool> match, TimeSpan within)
    {
        var until = DateTimeOffset.UtcNow + within;
        while (DateTimeOffset.UtcNow < until)
        {
            await client.SendAsync("PING waiting", Cancellation);
            string? line;
            while ((line = await client.ReadLineAsync(Cancellation)) is not null && Verb(line) != "PONG")
            {
                if (match(line))
                {
                    return line;
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
        }
        throw new TimeoutException($"No matching line within {within}.");
    }
}
