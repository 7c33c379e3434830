using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using RabbitMQ.Client;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Predictive prefetch end to end (issue 7): rooms joined become the account's opens, a web sign-in
/// makes the recommender hint the rooms it will open, the history service warms their latest pages,
/// and the account's next open of such a room is a prefetch hit; a new message drops the page, so the
/// next open reads the database again (a miss) and shows the message. Hits and misses carry the time
/// they took; the test prints both (docs/ml.md quotes them).
/// </summary>
public sealed class PrefetchTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> LatestAsync(string room, string token)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.History, "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/history/rooms/{Uri.EscapeDataString(room)}/messages?latest=*&limit=50", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone());
    }

    [Fact]
    public async Task Rooms_hinted_at_sign_in_are_served_warm_and_a_new_message_makes_the_next_open_a_miss()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        await using var bus = await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await using var channel = await bus.CreateChannelAsync(cancellationToken: Cancellation);
        var queue = (await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation)).QueueName;
        await channel.QueueBindAsync(queue, "chatcloud.events", "history.prefetch-outcome.v1", cancellationToken: Cancellation);

        var ann = await SignedInUser.CreateAsync(suite, "pf-ann", "ann password");
        var bea = await SignedInUser.CreateAsync(suite, "pf-bea", "bea password");
        await using var annIrc = await ann.IrcAsync("pfann");
        await using var beaIrc = await bea.IrcAsync("pfbea");
        foreach (var room in new[] { "#pf-a", "#pf-b" })
        {
            await beaIrc.SendAsync($"JOIN {room}", Cancellation);
            await beaIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
            await annIrc.SendAsync($"JOIN {room}", Cancellation);
            await annIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
            for (var i = 0; i < 3; i++)
            {
                await beaIrc.SendAsync($"PRIVMSG {room} :line {i}", Cancellation);
            }
        }
        await beaIrc.SendAsync("PING :posted", Cancellation);
        await beaIrc.ExpectAsync(line => Verb(line) == "PONG", Cancellation);
        var token = (await ann.SignInAsync()).AccessToken;
        var account = Guid.Parse(JwtSubject(token));

        // The web sign-in is what the recommender hints on; the warm-up follows within moments.
        await using var web = await WebChatClient.ConnectAsync(suite.GatewayPort, token, Cancellation);
        var hit = await EventuallyAsync(async () =>
        {
            await LatestAsync("#pf-b", token);
            return (await OutcomesAsync(channel, queue, account)).FirstOrDefault(o => o.GetProperty("room").GetString() == "#pf-b" && o.GetProperty("hit").GetBoolean()) is { ValueKind: JsonValueKind.Object } found
                ? found : (JsonElement?)null;
        });

        await beaIrc.SendAsync("PRIVMSG #pf-a :fresh news", Cancellation);
        var fresh = await EventuallyAsync(async () =>
        {
            var (_, page) = await LatestAsync("#pf-a", token);
            return page.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("text").GetString() == "fresh news") ? page : (JsonElement?)null;
        });
        var afterInvalidation = await OutcomesAsync(channel, queue, account, until: o => o.GetProperty("room").GetString() == "#pf-a" && !o.GetProperty("hit").GetBoolean());

        // A small benchmark of what a hit saves: warm opens of #pf-b against cold opens of #pf-a.
        const int Opens = 20;
        for (var i = 0; i < Opens; i++)
        {
            await LatestAsync("#pf-b", token);
            await LatestAsync("#pf-a", token);
        }
        var timed = await OutcomesAsync(channel, queue, account, expected: 2 * Opens);
        double Median(bool isHit) => timed.Where(o => o.GetProperty("hit").GetBoolean() == isHit).Select(o => o.GetProperty("serveMilliseconds").GetDouble())
            .Order().ElementAtOrDefault(Opens / 2);
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture,
            $"prefetch: median serve time, hit {Median(true):F2} ms, miss {Median(false):F2} ms over {Opens} opens each"));

        Assert.True(hit.GetProperty("serveMilliseconds").GetDouble() >= 0);
        Assert.Equal("fresh news", fresh.GetProperty("messages").EnumerateArray().Last().GetProperty("text").GetString());
        Assert.NotEmpty(afterInvalidation);
        Assert.Equal(Opens, timed.Count(o => o.GetProperty("room").GetString() == "#pf-b" && o.GetProperty("hit").GetBoolean()));
        Assert.Equal(Opens, timed.Count(o => o.GetProperty("room").GetString() == "#pf-a" && !o.GetProperty("hit").GetBoolean()));
    }

    [Fact]
    public async Task A_terminals_chathistory_latest_is_counted_as_the_accounts_room_open()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        await using var bus = await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await using var channel = await bus.CreateChannelAsync(cancellationToken: Cancellation);
        var queue = (await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation)).QueueName;
        await channel.QueueBindAsync(queue, "chatcloud.events", "history.prefetch-outcome.v1", cancellationToken: Cancellation);
        var cyd = await SignedInUser.CreateAsync(suite, "pf-cyd", "cyd password");
        var account = Guid.Parse(JwtSubject((await cyd.SignInAsync()).AccessToken));
        await using var irc = await cyd.IrcAsync("pfcyd");
        await irc.SendAsync("JOIN #pf-terminal", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await irc.SendAsync("PRIVMSG #pf-terminal :before the open", Cancellation);

        // The edge reads history as a service, naming the account it reads for; only LATEST * is an open.
        await irc.SendAsync("CHATHISTORY BEFORE #pf-terminal timestamp=2030-01-01T00:00:00.000Z 10", Cancellation);
        await irc.SendAsync("CHATHISTORY LATEST #pf-terminal * 50", Cancellation);
        await irc.SendAsync("PING :read", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "PONG", Cancellation);
        var opens = await OutcomesAsync(channel, queue, account, until: o => o.GetProperty("room").GetString() == "#pf-terminal");

        var open = Assert.Single(opens);
        Assert.Equal("#pf-terminal", open.GetProperty("room").GetString());
        Assert.True(open.GetProperty("serveMilliseconds").GetDouble() >= 0);
    }

    private static string JwtSubject(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.GetProperty("sub").GetString()!;
    }

    /// <summary>
    /// The account's outcomes waiting on the queue: all there are now, or, with <paramref name="expected"/> or
    /// <paramref name="until"/>, waiting up to a request deadline for that many or for one that matches.
    /// </summary>
    private static async Task<List<JsonElement>> OutcomesAsync(IChannel channel, string queue, Guid account, int expected = 0, Func<JsonElement, bool>? until = null)
    {
        var received = new List<JsonElement>();
        var deadline = DateTime.UtcNow + Deadlines.Request;
        while (true)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true, Cancellation);
            if (message is null)
            {
                var satisfied = (expected == 0 || received.Count >= expected) && (until is null || received.Any(until));
                if (satisfied || DateTime.UtcNow >= deadline)
                {
                    return received;
                }
                await Task.Delay(50, Cancellation);
                continue;
            }
            received.AddRange(BusTap.EventsOf(message).Where(outcome => outcome.GetProperty("accountId").GetGuid() == account));
        }
    }
}
