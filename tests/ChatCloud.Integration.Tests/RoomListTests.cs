using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>LIST read from the room authority: every room with members, its count and topic; secret rooms only to their members.</summary>
public sealed class RoomListTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_shows_a_room_with_its_count_and_topic_and_hides_a_secret_room_from_outsiders()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var open = $"#listed-{id}";
        var secret = $"#secret-{id}";
        await using var owner = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var guest = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var outsider = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await owner.RegisterAsync("lister", Cancellation);
        await guest.RegisterAsync("listguest", Cancellation);
        await outsider.RegisterAsync("outlister", Cancellation);
        await owner.SendAsync($"JOIN {open},{secret}", Cancellation);
        await owner.ExpectAsync(line => Verb(line) == "366" && line.Contains(secret, StringComparison.Ordinal), Cancellation);
        await owner.SendAsync($"TOPIC {open} :All are welcome", Cancellation);
        await owner.ExpectAsync(line => Verb(line) == "TOPIC", Cancellation);
        await owner.SendAsync($"MODE {secret} +s", Cancellation);
        await owner.ExpectAsync(line => Verb(line) == "MODE", Cancellation);
        await guest.SendAsync($"JOIN {open}", Cancellation);
        await guest.ExpectAsync(line => Verb(line) == "366", Cancellation);

        var seenOutside = await ListAsync(outsider, $"LIST #*-{id}");
        var seenInside = await ListAsync(owner, $"LIST #*-{id}");
        var bigOnly = await ListAsync(owner, $"LIST #*-{id} >1");

        Assert.Equal([$":chatcloud.local 322 outlister {open} 2 :All are welcome"], seenOutside);
        Assert.Equal([$":chatcloud.local 322 lister {open} 2 :All are welcome", $":chatcloud.local 322 lister {secret} 1 :"], seenInside);
        Assert.Equal([$":chatcloud.local 322 lister {open} 2 :All are welcome"], bigOnly);
    }

    /// <summary>The 322 lines of one LIST, after its 321 and up to its 323.</summary>
    private static async Task<List<string>> ListAsync(IrcTestClient client, string command)
    {
        await client.SendAsync(command, Cancellation);
        await client.ExpectAsync(line => Verb(line) == "321", Cancellation);
        List<string> rooms = [];
        for (var line = await client.ExpectAsync(l => Verb(l) is "322" or "323", Cancellation); Verb(line) == "322";
             line = await client.ExpectAsync(l => Verb(l) is "322" or "323", Cancellation))
        {
            rooms.Add(line);
        }
        return rooms;
    }
}
