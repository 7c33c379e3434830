using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

public sealed class UserQueryTests
{
    [Fact]
    public async Task Whois_answers_for_users_here_and_on_other_edges_and_says_when_there_is_none()
    {
        var directory = new SharedNickDirectory();
        await using var asker = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-a")));
        await using var remote = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b")));
        asker.Register("asker");
        remote.Register("faraway");
        await remote.SendAsync("AWAY :at lunch");
        await asker.SendAsync("PING mark");
        await asker.ExpectAsync(line => Verb(line) == "PONG");

        await asker.SendAsync("WHOIS FarAway");
        var lines = new List<string>();
        while (lines.Count == 0 || Verb(lines[^1]) != "318")
        {
            lines.Add(await asker.ExpectAsync(_ => true));
        }
        await asker.SendAsync("WHOIS nobody");

        Assert.Equal(
        [
            $":chatcloud.local 311 asker faraway ~faraway {TestConnection.GuestHost} * faraway",
            ":chatcloud.local 312 asker faraway chatcloud.local ChatCloud",
            ":chatcloud.local 301 asker faraway :at lunch",
            ":chatcloud.local 318 asker faraway :End of /WHOIS list",
        ], lines);
        Assert.Equal(":chatcloud.local 401 asker nobody :No such nick/channel", await asker.ExpectAsync(line => Verb(line) == "401"));
        Assert.Equal(":chatcloud.local 318 asker nobody :End of /WHOIS list", await asker.ExpectAsync(line => Verb(line) == "318"));
    }

    [Fact]
    public async Task Away_is_confirmed_and_shown_to_room_members_who_asked_for_away_notify()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var watcher = new TestConnection(server);
        watcher.Send("CAP REQ away-notify");
        watcher.Send("CAP END");
        alice.Register("alice");
        watcher.Register("watcher");
        alice.Send("JOIN #room");
        watcher.Send("JOIN #room");

        await alice.SendAsync("AWAY :brb");
        var away = await alice.ExpectAsync(line => Verb(line) == "306");
        var seen = await watcher.ExpectAsync(line => Verb(line) == "AWAY");
        await alice.SendAsync("AWAY");

        Assert.Equal(":chatcloud.local 306 alice :You have been marked as being away", away);
        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} AWAY brb", seen);
        Assert.Equal(":chatcloud.local 305 alice :You are no longer marked as being away", await alice.ExpectAsync(line => Verb(line) == "305"));
        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} AWAY", await watcher.ExpectAsync(line => Verb(line) == "AWAY"));
    }

    [Fact]
    public async Task Who_lists_a_rooms_members_or_one_user_and_whox_gives_the_fields_asked_for_in_their_order()
    {
        var directory = new SharedNickDirectory();
        var server = CreateServer(TimeProvider.System, nicks: directory.For("edge-a"));
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        await using var remote = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b")));
        alice.Register("alice");
        bob.Register("bob");
        remote.Register("carol");
        alice.Send("JOIN #den");
        bob.Send("JOIN #den");
        await bob.SendAsync("AWAY :out");
        await alice.SendAsync("PING mark");
        await alice.ExpectAsync(line => Verb(line) == "PONG");

        await alice.SendAsync("WHO #den");
        var room = new[] { await alice.ExpectAsync(_ => true), await alice.ExpectAsync(_ => true), await alice.ExpectAsync(_ => true) };
        await alice.SendAsync("WHO carol %nacrft,42");
        var whox = await alice.ExpectAsync(_ => true);
        await alice.ExpectAsync(line => Verb(line) == "315");
        await alice.SendAsync("WHO *");

        Assert.Equal(
        [
            $":chatcloud.local 352 alice #den ~alice {TestConnection.GuestHost} chatcloud.local alice H@ :0 alice",
            $":chatcloud.local 352 alice #den ~bob {TestConnection.GuestHost} chatcloud.local bob G :0 bob",
            ":chatcloud.local 315 alice #den :End of WHO list",
        ], room);
        Assert.Equal(":chatcloud.local 354 alice 42 * carol H 0 carol", whox);
        Assert.Equal(":chatcloud.local 315 alice * :End of WHO list", await alice.ExpectAsync(_ => true));
    }

    [Fact]
    public async Task Setname_changes_the_real_name_for_whois_and_tells_those_who_asked()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var watcher = new TestConnection(server);
        alice.Send("CAP REQ setname");
        alice.Send("CAP END");
        watcher.Send("CAP REQ setname");
        watcher.Send("CAP END");
        alice.Register("alice");
        watcher.Register("watcher");
        alice.Send("JOIN #room");
        watcher.Send("JOIN #room");

        await alice.SendAsync("SETNAME :Alice Liddell");
        var echoed = await alice.ExpectAsync(line => Verb(line) == "SETNAME");
        var seen = await watcher.ExpectAsync(line => Verb(line) == "SETNAME");
        await alice.SendAsync($"SETNAME :{new string('x', 101)}");
        var refused = await alice.ExpectAsync(line => Verb(line) == "FAIL");
        await watcher.SendAsync("WHOIS alice");

        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} SETNAME :Alice Liddell", echoed);
        Assert.Equal(echoed, seen);
        Assert.Equal(":chatcloud.local FAIL SETNAME INVALID_REALNAME :Real names are 1 to 100 characters", refused);
        Assert.EndsWith($" 311 watcher alice ~alice {TestConnection.GuestHost} * :Alice Liddell", await watcher.ExpectAsync(line => Verb(line) == "311"), StringComparison.Ordinal);
    }
}
