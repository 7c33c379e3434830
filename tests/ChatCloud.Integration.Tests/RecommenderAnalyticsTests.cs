using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The recommender's and the connections' figures (issue 7, "Analytics"): a suggestion shown, followed
/// and joined, and a web tab open, become impressions, a click, a join after a recommendation, a
/// connection in the hour, an active week and a retained cohort for the administrator, as JSON and
/// CSV; nobody else reads them.
/// </summary>
public sealed class RecommenderAnalyticsTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body)> CallAsync(string resource, HttpMethod method, string path, string token, object? body = null)
    {
        using var http = suite.App.CreateHttpClient(resource, "http");
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task A_followed_suggestion_and_an_open_tab_are_counted_for_the_administrator()
    {
        var dee = await SignedInUser.CreateAsync(suite, "ra-dee", "dee password");
        var eve = await SignedInUser.CreateAsync(suite, "ra-eve", "eve password");
        var token = (await eve.SignInAsync()).AccessToken;
        await using var deeIrc = await dee.IrcAsync("radee");
        foreach (var room in new[] { "#ra-tea", "#ra-cake" })
        {
            await deeIrc.SendAsync($"JOIN {room}", Cancellation);
            await deeIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        }
        await using var tab = await WebChatClient.ConnectAsync(suite.GatewayPort, token, Cancellation);
        await tab.InvokeAsync<JsonElement>("Join", ["#ra-tea", null], Cancellation);

        // The suggestion follows the join within moments (the first model may still be training: 503 until then).
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < until)
        {
            var (status, body) = await CallAsync(ResourceNames.Recommendations, HttpMethod.Get, "/api/recommendations/rooms?count=10", token);
            if (status == HttpStatusCode.OK && body.Contains("\"#ra-cake\"", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(500, Cancellation);
        }
        var accepted = await CallAsync(ResourceNames.Recommendations, HttpMethod.Post, "/api/recommendations/accept", token, new { kind = "room", target = "#ra-cake" });
        await tab.InvokeAsync<JsonElement>("Join", ["#ra-cake", null], Cancellation);
        var admin = (await SignedInUser.Administrator(suite).SignInAsync()).AccessToken;

        var report = await EventuallyAsync(async () =>
        {
            var (status, body) = await CallAsync(ResourceNames.Analytics, HttpMethod.Get, "/api/analytics/recommendations", admin);
            Assert.Equal(HttpStatusCode.OK, status);
            var root = JsonDocument.Parse(body).RootElement.Clone();
            var today = root.GetProperty("days").EnumerateArray().Last();
            return today.GetProperty("clicks").GetInt64() >= 1 && today.GetProperty("joinsAfterRecommendation").GetInt64() >= 1 ? root : (JsonElement?)null;
        });
        var connections = await EventuallyAsync(async () =>
        {
            var (_, body) = await CallAsync(ResourceNames.Analytics, HttpMethod.Get, "/api/analytics/connections", admin);
            var root = JsonDocument.Parse(body).RootElement.Clone();
            var hour = root.GetProperty("hours").EnumerateArray().Last(h => h.GetProperty("hour").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
            return hour.GetProperty("web").GetInt64() >= 1 && hour.GetProperty("tcp").GetInt64() >= 1 ? root : (JsonElement?)null;
        });
        var recommendationsCsv = await CallAsync(ResourceNames.Analytics, HttpMethod.Get, "/api/analytics/recommendations.csv", admin);
        var connectionsCsv = await CallAsync(ResourceNames.Analytics, HttpMethod.Get, "/api/analytics/connections.csv?from=2026-01-01&to=2026-01-02", admin);
        var forUser = await CallAsync(ResourceNames.Analytics, HttpMethod.Get, "/api/analytics/recommendations", token);
        var badRange = await CallAsync(ResourceNames.Analytics, HttpMethod.Get, "/api/analytics/connections?from=2026-02-10&to=2026-02-01", admin);

        Assert.Equal(HttpStatusCode.NoContent, accepted.Status);
        var totals = report.GetProperty("totals");
        Assert.True(totals.GetProperty("impressions").GetInt64() >= 1);
        Assert.InRange(totals.GetProperty("clickThroughRate").GetDouble(), 0.0001, 1);
        Assert.InRange(totals.GetProperty("joinAfterRecommendationRate").GetDouble(), 0.0001, 1);
        Assert.True(report.GetProperty("model").GetProperty("version").GetInt32() >= 1);
        Assert.True(connections.GetProperty("weeks").EnumerateArray().Last().GetProperty("activeAccounts").GetInt64() >= 2);
        var cohort = connections.GetProperty("retention").EnumerateArray().Last();
        Assert.True(cohort.GetProperty("accounts").GetInt64() >= 2);
        Assert.True(cohort.GetProperty("retained")[0].GetDouble() > 0);
        Assert.StartsWith("day,impressions,clicks,click_through_rate,dismissals,joins_after_recommendation,", recommendationsCsv.Body, StringComparison.Ordinal);
        Assert.Equal(8, recommendationsCsv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("hour,tcp,web\n", connectionsCsv.Body, StringComparison.Ordinal);
        Assert.Equal(1 + 48, connectionsCsv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.Forbidden, forUser.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.Status);
    }
}
