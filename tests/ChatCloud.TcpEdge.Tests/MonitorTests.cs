using ChatCloud.TcpEdge.Presence;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>IRCv3 monitor: MONITOR's modifiers, its numerics, the limit, and changes from other edges.</summary>
public sealed class MonitorTests
{
    [Fact]
    public async Task Adding_targets_says_who_is_online_on_any_edge_and_who_is_not()
    {
        var (directory, feed) = (new SharedNickDirectory(), new SharedPresenceFeed());
        await using var watcher = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-a"), presence: feed));
        await using var here = new TestConnection(watcher.Server);
        await using var remote = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b"), presence: feed));
        watcher.Register("watcher");
        here.Register("alice");
        remote.Register("faraway");

        var lines = await watcher.LinesOfAsync("MONITOR + FarAway,nobody,alice,nobody,not!a!nick");

        Assert.Equal(
        [
            $":chatcloud.local 730 watcher faraway!~faraway@{TestConnection.GuestHost},alice!~alice@{TestConnection.GuestHost}",
            ":chatcloud.local 731 watcher nobody",
        ], lines);
    }

    [Fact]
    public async Task Monitors_on_every_edge_see_a_nick_come_online_change_and_go_offline()
    {
        var (directory, feed) = (new SharedNickDirectory(), new SharedPresenceFeed());
        await using var watcher = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-a"), presence: feed));
        await using var remote = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge-b"), presence: feed));
        watcher.Register("watcher");
        Assert.Equal([":chatcloud.local 731 watcher bob,robert"], await watcher.LinesOfAsync("MONITOR + bob,robert"));

        remote.Register("Bob");
        Assert.Equal($":chatcloud.local 730 watcher Bob!~Bob@{TestConnection.GuestHost}", await watcher.ExpectAsync(line => Verb(line) is "730" or "731"));
        await remote.SendAsync("NICK bOB");
        await remote.SendAsync("NICK robert");
        Assert.Equal(":chatcloud.local 731 watcher bOB", await watcher.ExpectAsync(line => Verb(line) is "730" or "731"));
        Assert.Equal($":chatcloud.local 730 watcher robert!~Bob@{TestConnection.GuestHost}", await watcher.ExpectAsync(line => Verb(line) is "730" or "731"));
        await remote.Server.Monitors.SessionClosedAsync(remote.Session);
        Assert.Equal(":chatcloud.local 731 watcher robert", await watcher.ExpectAsync(line => Verb(line) is "730" or "731"));
    }

    [Fact]
    public async Task The_list_can_be_shown_shrunk_cleared_and_checked()
    {
        var server = CreateServer(TimeProvider.System);
        await using var watcher = new TestConnection(server);
        await using var carol = new TestConnection(server);
        watcher.Register("watcher");
        carol.Register("carol");
        await watcher.LinesOfAsync("MONITOR + carol,dave,erin");

        Assert.Equal([], await watcher.LinesOfAsync("MONITOR - DAVE,nobody"));
        var listed = await watcher.LinesOfAsync("MONITOR L");
        var status = await watcher.LinesOfAsync("MONITOR s");
        Assert.Equal([], await watcher.LinesOfAsync("MONITOR C"));
        var empty = await watcher.LinesOfAsync("MONITOR L");

        Assert.Equal([":chatcloud.local 732 watcher carol,erin", ":chatcloud.local 733 watcher :End of MONITOR list"], listed);
        Assert.Equal([$":chatcloud.local 730 watcher carol!~carol@{TestConnection.GuestHost}", ":chatcloud.local 731 watcher erin"], status);
        Assert.Equal([":chatcloud.local 733 watcher :End of MONITOR list"], empty);
        Assert.Equal(0, server.Monitors.WatchedNicks);
    }

    [Fact]
    public async Task Targets_over_the_limit_are_refused_with_734_and_the_rest_added()
    {
        await using var watcher = new TestConnection(CreateServer(TimeProvider.System, options => options.MonitorLimit = 3));
        watcher.Register("watcher");
        await watcher.LinesOfAsync("MONITOR + ann");

        var lines = await watcher.LinesOfAsync("MONITOR + Ann,ben,cat,dan,eve");
        var support = await watcher.LinesOfAsync("VERSION");

        Assert.Equal(
        [
            ":chatcloud.local 734 watcher 3 dan,eve :Monitor list is full.",
            ":chatcloud.local 731 watcher ben,cat",
        ], lines);
        Assert.Contains(support, line => line.Contains(" MONITOR=3 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_lists_are_split_into_lines_that_fit_in_512_bytes()
    {
        await using var watcher = new TestConnection(CreateServer(TimeProvider.System, options => options.MonitorLimit = 200));
        watcher.Register("watcher");
        var nicks = Enumerable.Range(0, 150).Select(i => $"someone_with_a_long_name{i:D4}").ToList();
        foreach (var chunk in nicks.Chunk(15))
        {
            await watcher.LinesOfAsync("MONITOR + " + string.Join(',', chunk));
        }

        var offline = await watcher.LinesOfAsync("MONITOR S");
        var listed = await watcher.LinesOfAsync("MONITOR L");

        Assert.True(offline.Count > 1);
        Assert.All(offline.Concat(listed), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) + 2 <= 512, line));
        Assert.All(offline, line => Assert.StartsWith(":chatcloud.local 731 watcher ", line, StringComparison.Ordinal));
        Assert.Equal(nicks, offline.SelectMany(line => line.Split(' ')[^1].Split(',')).Order(StringComparer.Ordinal));
        Assert.Equal(nicks, listed.SkipLast(1).SelectMany(line => line.Split(' ')[^1].Split(',')).Order(StringComparer.Ordinal));
        Assert.True(offline.SkipLast(1).Concat(listed.SkipLast(2)).All(line => line.Length > 480), "lines are filled before a new one starts");
    }

    [Theory]
    [InlineData("MONITOR", ":chatcloud.local 461 watcher MONITOR :Not enough parameters")]
    [InlineData("MONITOR +", ":chatcloud.local 461 watcher MONITOR :Not enough parameters")]
    [InlineData("MONITOR X", ":chatcloud.local FAIL MONITOR INVALID_PARAMS X :Unknown MONITOR modifier; use +, -, C, L or S")]
    public async Task Bad_requests_get_a_clear_answer(string line, string expected)
    {
        await using var watcher = new TestConnection();
        watcher.Register("watcher");

        Assert.Equal([expected], await watcher.LinesOfAsync(line));
    }

    [Fact]
    public async Task A_directory_that_does_not_answer_is_reported_and_the_targets_stay_listed()
    {
        var directory = new SharedNickDirectory();
        await using var watcher = new TestConnection(CreateServer(TimeProvider.System, nicks: directory.For("edge")));
        watcher.Register("watcher");
        directory.Unreachable = true;

        var lines = await watcher.LinesOfAsync("MONITOR + faraway");

        Assert.Equal([":chatcloud.local FAIL MONITOR TEMPORARILY_UNAVAILABLE :Who is online cannot be looked up right now; try MONITOR S in a moment"], lines);
        Assert.Equal(["faraway"], watcher.Server.Monitors.List(watcher.Session));
    }

    [Fact]
    public async Task A_closed_session_leaves_nothing_in_the_index()
    {
        var feed = new SharedPresenceFeed();
        var server = CreateServer(TimeProvider.System, presence: feed);
        await using var watcher = new TestConnection(server);
        watcher.Register("watcher");
        await watcher.LinesOfAsync("MONITOR + a,b,c");

        await server.Monitors.SessionClosedAsync(watcher.Session);

        Assert.Equal(0, server.Monitors.WatchedNicks);
        Assert.Equal([], server.Monitors.List(watcher.Session));
        Assert.Equal(PresenceChange.Offline("watcher"), feed.Published[^1]);
    }

    [Theory]
    [InlineData("+alice!~a@host", "alice", "alice!~a@host")]
    [InlineData("-alice", "alice", null)]
    public void Presence_changes_read_back_as_written(string text, string nick, string? mask)
    {
        var change = PresenceChange.Parse(text);

        Assert.Equal(new PresenceChange(nick, mask), change);
        Assert.Equal(text, change!.Format());
    }
}
