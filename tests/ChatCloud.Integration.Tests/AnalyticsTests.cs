using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

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

        // The figures follow the events within moments; wait for them rather than guess how long.
        JsonElement room = default;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (true)
        {
            var (status, body, _) = await GetAsync("/api/analytics/activity", admin);
            Assert.Equal(HttpStatusCode.OK, status);
            using var report = JsonDocument.Parse(body);
            var found = report.RootElement.GetProperty("topRooms").EnumerateArray().Where(r => r.GetProperty("room").GetString() == "#stats-room").ToList();
            var today = report.RootElement.GetProperty("days").EnumerateArray().Last();
            // The sign-in travels apart from the messages (best-effort, its own queue): wait for both.
            if (found.Count == 1 && found[0].GetProperty("messages").GetInt64() >= 3 && today.GetProperty("tcpSignIns").GetInt64() >= 1)
            {
                room = found[0].Clone();
                Assert.True(today.GetProperty("activeAccounts").GetInt64() >= 1);
                break;
            }
            await Task.Delay(200, deadline.Token);
        }
        var csv = await GetAsync("/api/analytics/activity.csv", admin);
        var forUser = await GetAsync("/api/analytics/activity", userToken);
        var badRange = await GetAsync("/api/analytics/activity?from=2026-13-01", admin);

        Assert.Equal(3, room.GetProperty("messages").GetInt64());
        Assert.Equal(1, room.GetProperty("joins").GetInt64());
        Assert.Equal("text/csv", csv.ContentType);
        Assert.StartsWith("day,active_accounts,messages,joins,new_accounts,direct_messages,tcp_sign_ins,web_sign_ins\n", csv.Body, StringComparison.Ordinal);
        Assert.Equal(8, csv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.Forbidden, forUser.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.Status);
        Assert.Contains("\"from\"", badRange.Body, StringComparison.Ordinal);
    }
}
