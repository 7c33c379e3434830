using System.Net;
using System.Text.RegularExpressions;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// CHATHISTORY through the whole read path: edge, history service, the messages service's view in
/// PostgreSQL. Each test has rooms and nicks of its own (the suite is shared by the assembly).
/// </summary>
public sealed partial class ChatHistoryTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Latest_returns_every_message_in_order_with_the_msgid_and_time_seen_live()
    {
        var room = UniqueRoom();
        await using var author = await ConnectAsync("hauthor", room);
        var live = await PostAsync(author, room, 5);

        await using var reader = await ConnectAsync("hreader", room);
        var history = await ChatHistoryAsync(reader, $"LATEST {room} * 50", room);

        // The same lines as delivered live, in a batch: same msgid, same time, same order.
        Assert.Equal(live.Select(line => WithBatch(line, history.Batch)), history.Lines);
    }

    [Fact]
    public async Task After_the_last_message_seen_returns_exactly_the_ones_missed()
    {
        var room = UniqueRoom();
        await using var author = await ConnectAsync("hposter", room);
        var away = await ConnectAsync("haway", room);
        await PostAsync(author, room, 3, "before");
        var seen = new List<string>();
        while (seen.Count < 3)
        {
            seen.Add(await away.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation));
        }
        await away.SendAsync("QUIT :train tunnel", Cancellation);
        await away.DisposeAsync();

        // While the reader is away, the room goes on; it comes back knowing only the last msgid it saw.
        var missed = await PostAsync(author, room, 4, "while away");
        await using var back = await ConnectAsync("hback", room);
        var history = await ChatHistoryAsync(back, $"AFTER {room} msgid={MsgidOf(seen[^1])} 100", room);

        Assert.Equal(missed.Select(line => WithBatch(line, history.Batch)), history.Lines);
    }

    [Fact]
    public async Task Before_around_between_latest_after_and_targets_select_by_msgid_and_timestamp()
    {
        var room = UniqueRoom();
        await using var client = await ConnectAsync("hpager", room);
        var posted = await PostAsync(client, room, 5);
        var ids = posted.Select(MsgidOf).ToArray();

        async Task<string[]> Ids(string query) => [.. (await ChatHistoryAsync(client, query, room)).Lines.Select(MsgidOf)];

        Assert.Equal([ids[1], ids[2]], await Ids($"BEFORE {room} msgid={ids[3]} 2"));
        Assert.Equal([ids[1], ids[2], ids[3]], await Ids($"AROUND {room} msgid={ids[2]} 3"));
        Assert.Equal([ids[1], ids[2], ids[3]], await Ids($"BETWEEN {room} msgid={ids[0]} msgid={ids[4]} 10"));
        Assert.Equal([ids[2], ids[3]], await Ids($"BETWEEN {room} msgid={ids[4]} msgid={ids[0]} 2"));
        Assert.Equal([ids[3], ids[4]], await Ids($"LATEST {room} msgid={ids[2]} 10"));
        Assert.Equal([ids[2], ids[3], ids[4]], await Ids($"AFTER {room} timestamp={Time(posted[1])} 10"));
        Assert.Equal([ids[0], ids[1]], await Ids($"BEFORE {room} timestamp={Time(posted[2])} 10"));

        await client.SendAsync($"CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z 10", Cancellation);
        var targets = await ReadBatchAsync(client, "draft/chathistory-targets");
        Assert.Equal($"@batch={targets.Batch} :chatcloud.local CHATHISTORY TARGETS {room} {Time(posted[4])}", Assert.Single(targets.Lines));
    }

    [Theory]
    [InlineData("LATEST {other} * 10", "FAIL CHATHISTORY INVALID_TARGET LATEST {other} :Messages could not be retrieved")]
    [InlineData("RECENT {room} * 10", "FAIL CHATHISTORY INVALID_PARAMS RECENT :Unknown command")]
    [InlineData("AFTER {room} msgid=nosuchmessage 10", "FAIL CHATHISTORY INVALID_PARAMS AFTER :Unknown msgid")]
    public async Task Refusals_are_the_spec_standard_replies(string query, string reply)
    {
        var room = UniqueRoom();
        var other = UniqueRoom();
        await using var outsider = await ConnectAsync("houtside", other);
        await PostAsync(outsider, other, 1);
        await using var client = await ConnectAsync("hrefused", room);
        await PostAsync(client, room, 1);

        await client.SendAsync("CHATHISTORY " + query.Replace("{room}", room, StringComparison.Ordinal).Replace("{other}", other, StringComparison.Ordinal), Cancellation);

        Assert.Equal(":chatcloud.local " + reply.Replace("{other}", other, StringComparison.Ordinal),
            await client.ExpectAsync(line => Verb(line) is "FAIL" or "BATCH", Cancellation));
    }

    [Fact]
    public async Task The_http_api_through_the_gateway_answers_bad_input_with_problem_details()
    {
        var room = UniqueRoom();
        await using var client = await ConnectAsync("hhttp", room);
        var posted = await PostAsync(client, room, 2);
        using var http = new HttpClient { BaseAddress = suite.GatewayAddress, Timeout = Deadlines.Request };
        var path = $"/api/history/rooms/{Uri.EscapeDataString(room)}/messages";
        // The gateway passes the caller's token through; without one there is no history.
        using var anonymous = await http.GetAsync(new Uri($"{path}?latest=*&limit=1", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await suite.App.ServiceTokenAsync(Cancellation));

        using var badReference = await http.GetAsync(new Uri($"{path}?before=yesterday", UriKind.Relative), Cancellation);
        using var twoSelectors = await http.GetAsync(new Uri($"{path}?latest=*&before=msgid%3Dx", UriKind.Relative), Cancellation);
        using var unknown = await http.GetAsync(new Uri($"{path}?after=msgid%3Dnosuchmessage", UriKind.Relative), Cancellation);
        using var latest = await http.GetAsync(new Uri($"{path}?latest=*&limit=1", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, badReference.StatusCode);
        Assert.Equal("application/problem+json", badReference.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, twoSelectors.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("urn:chatcloud:history:unknown-message", await unknown.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        var body = await latest.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains($"\"msgid\":\"{MsgidOf(posted[1])}\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(MsgidOf(posted[0]), body, StringComparison.Ordinal);
    }

    private static string UniqueRoom() => "#h" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A client with the capabilities a history-aware client asks for, registered and in <paramref name="room"/>.</summary>
    private async Task<IrcTestClient> ConnectAsync(string nickPrefix, string room)
    {
        var client = await IrcTestClient.ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync("CAP REQ :echo-message server-time message-tags batch draft/chathistory", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        await client.RegisterAsync(nickPrefix + Guid.NewGuid().ToString("N")[..6], Cancellation);
        await client.SendAsync($"JOIN {room}", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "366", Cancellation);
        return client;
    }

    /// <summary>Posts <paramref name="count"/> lines one after another and returns them as echoed once stored.</summary>
    private static async Task<List<string>> PostAsync(IrcTestClient client, string room, int count, string text = "line")
    {
        var echoed = new List<string>();
        for (var i = 0; i < count; i++)
        {
            await client.SendAsync($"PRIVMSG {room} :{text} {i}", Cancellation);
            echoed.Add(await client.ExpectAsync(line => line.Contains($" PRIVMSG {room} :{text} {i}", StringComparison.Ordinal), Cancellation));
        }
        return echoed;
    }

    private static async Task<(string Batch, List<string> Lines)> ChatHistoryAsync(IrcTestClient client, string query, string room)
    {
        await client.SendAsync("CHATHISTORY " + query, Cancellation);
        var history = await ReadBatchAsync(client, "chathistory");
        Assert.Equal($":chatcloud.local BATCH +{history.Batch} chathistory {room}", history.Start);
        return (history.Batch, history.Lines);
    }

    private static async Task<(string Batch, string Start, List<string> Lines)> ReadBatchAsync(IrcTestClient client, string type)
    {
        var start = await client.ExpectAsync(line => line.Contains($" BATCH +", StringComparison.Ordinal) && line.Contains($" {type}", StringComparison.Ordinal)
            || Verb(line) == "FAIL", Cancellation);
        Assert.DoesNotContain("FAIL", start, StringComparison.Ordinal);
        var batch = start.Split(' ')[2][1..];
        var lines = new List<string>();
        while (await client.ReadLineAsync(Cancellation) is { } line && line != $":chatcloud.local BATCH -{batch}")
        {
            lines.Add(line);
        }
        return (batch, start, lines);
    }

    private static string WithBatch(string liveLine, string batch) => $"@batch={batch};{liveLine[1..]}";

    private static string Time(string line) => TimeTag().Match(line).Groups[1].Value;

    [GeneratedRegex(@"[@;]time=([^;\s]+)")]
    private static partial Regex TimeTag();
}
