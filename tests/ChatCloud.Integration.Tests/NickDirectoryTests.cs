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
        await client.SendAsync("QUIT", Cancellation);
        await client.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal), Cancellation);

        Assert.Equal("433", Verb(refused));
        Assert.NotNull(ownerWhileConnected);
        Assert.DoesNotContain($"dead-{suffix}", ownerWhileConnected, StringComparison.Ordinal);
        Assert.True(await database.KeyExistsAsync($"chatcloud:edge:{ownerWhileConnected.Split('/')[0]}").WaitAsync(Deadlines.Request, Cancellation));
        await WaitUntilGoneAsync(database, $"chatcloud:nick:{orphaned}");
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
