using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using StackExchange.Redis;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>Nicknames are claimed in Redis, so they are unique across edges and freed when an edge dies.</summary>
public sealed class NickDirectoryTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_nick_held_by_a_live_edge_is_in_use_and_one_held_by_a_dead_edge_is_taken_over()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            (await suite.App.GetConnectionStringAsync(ResourceNames.Cache, Cancellation))!).WaitAsync(Deadlines.Request, Cancellation);
        var database = redis.GetDatabase();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (held, orphaned) = ($"held{suffix}", $"orphan{suffix}");
        await database.StringSetAsync($"chatcloud:edge:live-{suffix}", 1, TimeSpan.FromMinutes(1)).WaitAsync(Deadlines.Request, Cancellation);
        await database.StringSetAsync($"chatcloud:nick:{held}", $"live-{suffix}/1").WaitAsync(Deadlines.Request, Cancellation);
        await database.StringSetAsync($"chatcloud:nick:{orphaned}", $"dead-{suffix}/1").WaitAsync(Deadlines.Request, Cancellation);

        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.SendAsync($"NICK {held.ToUpperInvariant()}", Cancellation);
        var refused = await client.ExpectAsync(line => Verb(line) is "433" or "001", Cancellation);
        await client.RegisterAsync(orphaned, Cancellation);
        var ownerWhileConnected = (string?)await database.StringGetAsync($"chatcloud:nick:{orphaned}").WaitAsync(Deadlines.Request, Cancellation);
        var published = (string?)await database.HashGetAsync($"chatcloud:user:{orphaned}", "realname").WaitAsync(Deadlines.Request, Cancellation);
        await client.SendAsync("QUIT", Cancellation);
        await client.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal), Cancellation);

        Assert.Equal("433", Verb(refused));
        Assert.NotNull(ownerWhileConnected);
        Assert.NotNull(published);
        Assert.DoesNotContain($"dead-{suffix}", ownerWhileConnected, StringComparison.Ordinal);
        Assert.True(await database.KeyExistsAsync($"chatcloud:edge:{ownerWhileConnected.Split('/')[0]}").WaitAsync(Deadlines.Request, Cancellation));
        await WaitUntilGoneAsync(database, $"chatcloud:nick:{orphaned}");
        Assert.False(await database.KeyExistsAsync($"chatcloud:user:{orphaned}").WaitAsync(Deadlines.Request, Cancellation));
    }

    [Fact]
    public async Task Whois_finds_a_user_of_another_edge_in_the_directory()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            (await suite.App.GetConnectionStringAsync(ResourceNames.Cache, Cancellation))!).WaitAsync(Deadlines.Request, Cancellation);
        var database = redis.GetDatabase();
        var nick = "far" + Guid.NewGuid().ToString("N")[..6];
        await database.StringSetAsync("chatcloud:edge:other", 1, TimeSpan.FromMinutes(1)).WaitAsync(Deadlines.Request, Cancellation);
        await database.StringSetAsync($"chatcloud:nick:{nick}", "other/9").WaitAsync(Deadlines.Request, Cancellation);
        await database.HashSetAsync($"chatcloud:user:{nick}",
            [new("nick", nick), new("user", "~far"), new("host", "10.0.0.9"), new("realname", "Far Away"), new("account", nick), new("away", ""), new("signon", 1)])
            .WaitAsync(Deadlines.Request, Cancellation);
        await using var asker = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await asker.RegisterAsync("asker" + nick[3..], Cancellation);

        await asker.SendAsync($"WHOIS {nick}", Cancellation);

        Assert.EndsWith($" 311 asker{nick[3..]} {nick} ~far 10.0.0.9 * :Far Away", await asker.ExpectAsync(line => Verb(line) == "311", Cancellation), StringComparison.Ordinal);
        Assert.EndsWith($" 330 asker{nick[3..]} {nick} {nick} :is logged in as", await asker.ExpectAsync(line => Verb(line) == "330", Cancellation), StringComparison.Ordinal);
        await asker.ExpectAsync(line => Verb(line) == "318", Cancellation);
    }

    private static async Task WaitUntilGoneAsync(IDatabase database, string key)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (await database.KeyExistsAsync(key).WaitAsync(Deadlines.Request, deadline.Token))
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
