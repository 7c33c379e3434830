using System.Globalization;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using StackExchange.Redis;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The recommender follows activity within seconds (issue 7, "Real time"): a join over IRC reaches
/// the online features in Redis through the bus, and the next request's rooms and next-rooms reflect
/// it; the opt-out makes the lists non-personal and forgets what was kept.
/// </summary>
public sealed class RecommendationsOnlineTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.Recommendations, "http");
        var (status, json, _) = await SignedInUser.SendAsync(http, method, path, token, body);
        return (status, json);
    }

    /// <summary>The first model trains at start (tens of seconds on a loaded machine): wait for it longer than a request.</summary>
    private async Task WaitForModelAsync(string token) =>
        Assert.True(await UntilAsync(async () => (await CallAsync(HttpMethod.Get, "/api/recommendations/rooms", token)).Status != HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromMinutes(5)), "no model in use within 5 minutes");

    private static bool Suggests(JsonElement list, string room, string reason) =>
        list.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == room && i.GetProperty("reason").GetString() == reason);

    [Fact]
    public async Task A_join_changes_the_suggestions_within_seconds_and_the_opt_out_makes_them_impersonal()
    {
        var bea = await SignedInUser.CreateAsync(suite, "recon-bea", "bea password");
        var ann = await SignedInUser.CreateAsync(suite, "recon-ann", "ann password");
        var annToken = (await ann.SignInAsync()).AccessToken;
        await WaitForModelAsync(annToken);
        await using var beaIrc = await bea.IrcAsync("recon-bea");
        foreach (var room in new[] { "#recon-knit", "#recon-yarn" })
        {
            await beaIrc.SendAsync($"JOIN {room}", Cancellation);
            await beaIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        }
        var before = await CallAsync(HttpMethod.Get, "/api/recommendations/rooms?count=20", annToken);

        await using var annIrc = await ann.IrcAsync("recon-ann");
        await annIrc.SendAsync("JOIN #Recon-Knit", Cancellation);
        await annIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        const string Because = "people in #recon-knit are here too";
        var after = await EventuallyAsync(async () =>
        {
            var (status, body) = await CallAsync(HttpMethod.Get, "/api/recommendations/rooms?count=20", annToken);
            return status == HttpStatusCode.OK && Suggests(body, "#recon-yarn", Because) ? body : (JsonElement?)null;
        });
        await annIrc.SendAsync("JOIN #recon-purl", Cancellation);
        await annIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        var next = await EventuallyAsync(async () =>
        {
            var (_, body) = await CallAsync(HttpMethod.Get, "/api/recommendations/next-rooms", annToken);
            return body.GetProperty("items").GetArrayLength() > 0 ? body : (JsonElement?)null;
        });

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.False(Suggests(before.Body, "#recon-yarn", Because));
        Assert.True(after.GetProperty("personalised").GetBoolean());
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "#recon-knit");
        Assert.Equal("#recon-knit", next.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.True(next.GetProperty("personalised").GetBoolean());

        // The opt-out: kept in the service's schema, lists become the popular ones, and what was kept is forgotten.
        var optOut = await CallAsync(HttpMethod.Put, "/api/recommendations/settings", annToken, new { personalised = false });
        var settings = await CallAsync(HttpMethod.Get, "/api/recommendations/settings", annToken);
        var impersonal = await CallAsync(HttpMethod.Get, "/api/recommendations/rooms?count=20", annToken);
        var noNext = await CallAsync(HttpMethod.Get, "/api/recommendations/next-rooms", annToken);
        var optIn = await CallAsync(HttpMethod.Put, "/api/recommendations/settings", annToken, new { personalised = true });
        var forgotten = await CallAsync(HttpMethod.Get, "/api/recommendations/rooms?count=20", annToken);
        var badSettings = await CallAsync(HttpMethod.Put, "/api/recommendations/settings", annToken, new { personal = "no" });

        Assert.Equal(HttpStatusCode.OK, optOut.Status);
        Assert.False(settings.Body.GetProperty("personalised").GetBoolean());
        Assert.False(impersonal.Body.GetProperty("personalised").GetBoolean());
        Assert.All(impersonal.Body.GetProperty("items").EnumerateArray(), i => Assert.Equal("popular right now", i.GetProperty("reason").GetString()));
        Assert.NotEmpty(impersonal.Body.GetProperty("items").EnumerateArray());
        Assert.Empty(noNext.Body.GetProperty("items").EnumerateArray());
        Assert.True(optIn.Body.GetProperty("personalised").GetBoolean());
        Assert.False(Suggests(forgotten.Body, "#recon-yarn", Because));
        Assert.Equal(HttpStatusCode.BadRequest, badSettings.Status);
    }

    [Fact]
    public async Task Following_a_suggestion_is_accepted_and_a_malformed_one_refused()
    {
        var user = await SignedInUser.CreateAsync(suite, "recon-cid", "cid password");
        var token = (await user.SignInAsync()).AccessToken;

        var accepted = await CallAsync(HttpMethod.Post, "/api/recommendations/accept", token, new { kind = "room", target = "#Recon-Yarn", modelVersion = 1 });
        var badKind = await CallAsync(HttpMethod.Post, "/api/recommendations/accept", token, new { kind = "planet", target = "#x" });
        var noTarget = await CallAsync(HttpMethod.Post, "/api/recommendations/accept", token, new { kind = "room" });
        var badCount = await CallAsync(HttpMethod.Get, "/api/recommendations/next-rooms?count=0", token);

        Assert.Equal(HttpStatusCode.NoContent, accepted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.Status);
    }

    /// <summary>
    /// A room's messages are counted in its hourly total once each, guarded by the room's sequence: a
    /// message at or below the last sequence counted (a redelivery) adds nothing, and no key is kept
    /// per message.
    /// </summary>
    [Fact]
    public async Task Room_messages_are_counted_once_each_by_their_sequence()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            (await suite.App.GetConnectionStringAsync(ResourceNames.Cache, Cancellation))!).WaitAsync(Deadlines.Request, Cancellation);
        var database = redis.GetDatabase();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, sentinel) = ($"#recpop-{suffix}", $"#recpop-sentinel-{suffix}");
        // An account's joins are counted too (a guest's are not): the room's total is its join and its messages.
        var user = await SignedInUser.CreateAsync(suite, $"recpop-{suffix}", "pop password");
        await using var irc = await user.IrcAsync($"pop{suffix}");
        foreach (var name in new[] { room, sentinel })
        {
            await irc.SendAsync($"JOIN {name}", Cancellation);
            await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        }
        async Task<double> CountedAsync(string name)
        {
            var now = DateTime.UtcNow;
            var hours = new[] { now, now.AddHours(-1) }.Select(hour => (RedisKey)$"rec:pop:{hour.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}");
            double total = 0;
            foreach (var hour in hours)
            {
                total += await database.SortedSetScoreAsync(hour, name).WaitAsync(Deadlines.Request, Cancellation) ?? 0;
            }
            return total;
        }

        for (var i = 0; i < 3; i++)
        {
            await irc.SendAsync($"PRIVMSG {room} :counted {i}", Cancellation);
        }
        // The join and the three messages.
        var counted = await EventuallyAsync(async () => await CountedAsync(room) is 4 ? "counted" : null);
        var last = (long)await database.StringGetAsync($"rec:r:{room}:counted").WaitAsync(Deadlines.Request, Cancellation);
        // As if the next two had been counted already: they come again as a redelivery would.
        await database.StringSetAsync($"rec:r:{room}:counted", last + 2).WaitAsync(Deadlines.Request, Cancellation);
        await irc.SendAsync($"PRIVMSG {room} :again 1", Cancellation);
        await irc.SendAsync($"PRIVMSG {room} :again 2", Cancellation);
        await irc.SendAsync($"PRIVMSG {sentinel} :after them", Cancellation);
        // The recorder takes the stream in order: once the sentinel's message is counted, so were the two before it.
        await EventuallyAsync(async () => await CountedAsync(sentinel) is 2 ? "sentinel counted" : null);
        await irc.SendAsync($"PRIVMSG {room} :new again", Cancellation);
        var afterGuard = double.Parse(await EventuallyAsync(async () => await CountedAsync(room) is var n and > 4 ? n.ToString(CultureInfo.InvariantCulture) : null),
            CultureInfo.InvariantCulture);

        Assert.Equal("counted", counted);
        Assert.True(last >= 3, $"last sequence counted {last}");
        Assert.Equal(5, afterGuard);
        Assert.Equal(last + 3, (long)await database.StringGetAsync($"rec:r:{room}:counted").WaitAsync(Deadlines.Request, Cancellation));
    }
}
