using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Events from chatting reach the analytics service (issue 7): messages over IRC become hourly room
/// figures and an active account, read by an administrator as JSON and CSV; nobody else reads them.
/// </summary>
public sealed class AnalyticsTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string path, string token)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.Analytics, "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Room_messages_sent_over_IRC_are_counted_for_the_administrator_and_hidden_from_users()
    {
        var user = await SignedInUser.CreateAsync(suite, "stats-sam", "sams password");
        await using var irc = await user.IrcAsync("stats-sam");
        await irc.SendAsync("JOIN #Stats-Room", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        for (var i = 0; i < 3; i++)
        {
            await irc.SendAsync($"PRIVMSG #Stats-Room :counted {i}", Cancellation);
        }
        await irc.SendAsync("PING :sent", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "PONG", Cancellation);
        var admin = (await SignedInUser.Administrator(suite).SignInAsync()).AccessToken;
        var userToken = (await user.SignInAsync()).AccessToken;

        // The figures follow the events within moments; the sign-in travels apart from the messages
        // (best-effort, its own queue): wait for both.
        var report = await EventuallyAsync(async () =>
        {
            var (status, body, _) = await GetAsync("/api/analytics/activity", admin);
            Assert.Equal(HttpStatusCode.OK, status);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement.Clone();
            var counted = root.GetProperty("topRooms").EnumerateArray().Any(r => r.GetProperty("room").GetString() == "#stats-room" && r.GetProperty("messages").GetInt64() >= 3)
                && root.GetProperty("days").EnumerateArray().Last().GetProperty("tcpSignIns").GetInt64() >= 1;
            return counted ? root : (JsonElement?)null;
        });
        var room = report.GetProperty("topRooms").EnumerateArray().Single(r => r.GetProperty("room").GetString() == "#stats-room");
        var csv = await GetAsync("/api/analytics/activity.csv", admin);
        var forUser = await GetAsync("/api/analytics/activity", userToken);
        var badRange = await GetAsync("/api/analytics/activity?from=2026-13-01", admin);

        Assert.Equal(3, room.GetProperty("messages").GetInt64());
        Assert.True(report.GetProperty("days").EnumerateArray().Last().GetProperty("activeAccounts").GetInt64() >= 1);
        Assert.Equal(1, room.GetProperty("joins").GetInt64());
        Assert.Equal("text/csv", csv.ContentType);
        Assert.StartsWith("day,active_accounts,messages,joins,new_accounts,direct_messages,tcp_sign_ins,web_sign_ins\n", csv.Body, StringComparison.Ordinal);
        Assert.Equal(8, csv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.Forbidden, forUser.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.Status);
        Assert.Contains("\"from\"", badRange.Body, StringComparison.Ordinal);
    }
}
