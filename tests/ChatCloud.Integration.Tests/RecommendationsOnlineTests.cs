using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
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
}
