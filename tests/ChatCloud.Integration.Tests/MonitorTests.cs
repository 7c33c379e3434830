using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using StackExchange.Redis;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>MONITOR (IRCv3 monitor) hears nicks come and go on every edge, through Redis.</summary>
public sealed class MonitorTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_monitor_sees_a_user_come_online_and_go_offline()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (watcherNick, friendNick) = ("watch" + suffix, "frnd" + suffix);
        await using var watcher = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await watcher.RegisterAsync(watcherNick, Cancellation);
        await watcher.SendAsync($"MONITOR + {friendNick}", Cancellation);
        var before = await watcher.ExpectAsync(line => Verb(line) is "730" or "731", Cancellation);

        await using var friend = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await friend.RegisterAsync(friendNick, Cancellation);
        var online = await watcher.ExpectAsync(line => Verb(line) is "730" or "731", Cancellation);
        await friend.SendAsync("QUIT", Cancellation);
        var offline = await watcher.ExpectAsync(line => Verb(line) is "730" or "731", Cancellation);

        Assert.Equal($":chatcloud.local 731 {watcherNick} {friendNick}", before);
        Assert.Equal($":chatcloud.local 730 {watcherNick} {friendNick}!~{friendNick}@user/{friendNick}", online);
        Assert.Equal($":chatcloud.local 731 {watcherNick} {friendNick}", offline);
    }

    [Fact]
    public async Task Changes_published_by_another_edge_reach_monitors_and_a_dead_edges_users_read_as_offline()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            (await suite.App.GetConnectionStringAsync(ResourceNames.Cache, Cancellation))!).WaitAsync(Deadlines.Request, Cancellation);
        var database = redis.GetDatabase();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (far, orphan, watcherNick) = ("far" + suffix, "orph" + suffix, "mon" + suffix);
        // A user of an edge whose heartbeat has lapsed (it crashed): its entries are still in Redis.
        await database.StringSetAsync($"chatcloud:nick:{orphan}", $"dead-{suffix}/1").WaitAsync(Deadlines.Request, Cancellation);
        await database.HashSetAsync($"chatcloud:user:{orphan}", [new("nick", orphan), new("user", "~o"), new("host", "10.0.0.8")])
            .WaitAsync(Deadlines.Request, Cancellation);
        await using var watcher = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await watcher.RegisterAsync(watcherNick, Cancellation);
        await watcher.SendAsync($"MONITOR + {far},{orphan}", Cancellation);
        var initially = await watcher.ExpectAsync(line => Verb(line) is "730" or "731", Cancellation);

        // What another edge publishes when its user registers, then quits.
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("chatcloud:presence"), $"+{far}!~far@10.0.0.9").WaitAsync(Deadlines.Request, Cancellation);
        var online = await watcher.ExpectAsync(line => Verb(line) is "730" or "731", Cancellation);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("chatcloud:presence"), $"-{far}").WaitAsync(Deadlines.Request, Cancellation);
        var offline = await watcher.ExpectAsync(line => Verb(line) is "730" or "731", Cancellation);

        Assert.Equal($":chatcloud.local 731 {watcherNick} {far},{orphan}", initially);
        Assert.Equal($":chatcloud.local 730 {watcherNick} {far}!~far@10.0.0.9", online);
        Assert.Equal($":chatcloud.local 731 {watcherNick} {far}", offline);
    }
}
