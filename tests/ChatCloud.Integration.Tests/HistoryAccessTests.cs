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
/// History for people (issue 4, "no one reads a room they could not join"): through the gateway a
/// signed-in account reads the rooms it is in, on any connection; is refused the others; and cannot
/// tell a secret room it is not in from a room that does not exist. The edge's service token reads as before.
/// </summary>
public sealed class HistoryAccessTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_account_reads_the_history_of_rooms_it_is_in_and_no_others()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (joined, open, secret, missing) = ($"#ha{suffix}", $"#hb{suffix}", $"#hc{suffix}", $"#hd{suffix}");
        var reader = await SignedInUser.CreateAsync(suite, "hread" + suffix[..6], "readers password");
        var (token, _) = await reader.SignInAsync();
        // The account is in one room through an IRC connection signed in with SASL PLAIN.
        await using var member = await reader.IrcAsync("hread" + suffix[..6]);
        await member.SendAsync($"JOIN {joined}", Cancellation);
        await member.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await member.SendAsync($"PRIVMSG {joined} :for members only", Cancellation);
        // Someone else holds an open room and a secret one.
        await using var other = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await other.RegisterAsync("hother" + suffix[..6], Cancellation);
        await other.SendAsync($"JOIN {open},{secret}", Cancellation);
        await other.ExpectAsync(line => Verb(line) == "366" && line.Contains(secret, StringComparison.Ordinal), Cancellation);
        await other.SendAsync($"MODE {secret} +s", Cancellation);
        await other.ExpectAsync(line => Verb(line) == "MODE", Cancellation);
        await other.SendAsync($"PRIVMSG {secret} :a secret", Cancellation);
        await other.SendAsync($"PRIVMSG {open} :an open room", Cancellation);

        var mine = await EventuallyAsync(async () =>
        {
            var (status, body) = await GetAsync($"{Messages(joined)}?latest=*&limit=10", token);
            return status == HttpStatusCode.OK && body.GetProperty("messages").GetArrayLength() > 0 ? body : (JsonElement?)null;
        });
        var (openStatus, openBody) = await GetAsync($"{Messages(open)}?latest=*&limit=10", token);
        var (secretStatus, secretBody) = await GetAsync($"{Messages(secret)}?latest=*&limit=10", token);
        var (missingStatus, missingBody) = await GetAsync($"{Messages(missing)}?latest=*&limit=10", token);
        var window = "from=timestamp%3D2000-01-01T00%3A00%3A00.000Z&to=timestamp%3D2100-01-01T00%3A00%3A00.000Z&limit=10";
        var (_, targets) = await GetAsync($"/api/history/targets?room={Uri.EscapeDataString(joined)}&room={Uri.EscapeDataString(open)}&{window}", token);

        Assert.Equal("for members only", mine.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, openStatus);
        Assert.Equal("urn:chatcloud:history:not-a-member", openBody.GetProperty("type").GetString());
        // A secret room it is not in answers exactly as a room that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, secretStatus);
        Assert.Equal(missingStatus, secretStatus);
        Assert.Equal(Without(missingBody, "traceId"), Without(secretBody, "traceId"));
        Assert.Equal([joined], targets.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("room").GetString()));

        // The edge's service token reads any room, as CHATHISTORY needs (the edge checks membership itself).
        var service = await suite.App.ServiceTokenAsync(Cancellation);
        var serviceRead = await EventuallyAsync(async () =>
        {
            var (status, body) = await GetAsync($"{Messages(secret)}?latest=*&limit=10", service);
            return status == HttpStatusCode.OK && body.GetProperty("messages").GetArrayLength() > 0 ? body : (JsonElement?)null;
        });
        Assert.Equal("a secret", serviceRead.GetProperty("messages")[0].GetProperty("text").GetString());

        // Once the account leaves, the room's history is closed to it again.
        await member.SendAsync($"PART {joined}", Cancellation);
        await member.ExpectAsync(line => Verb(line) == "PART", Cancellation);
        var (afterPart, _) = await GetAsync($"{Messages(joined)}?latest=*&limit=10", token);
        Assert.Equal(HttpStatusCode.Forbidden, afterPart);
    }

    [Fact]
    public async Task A_signed_in_account_reads_only_its_own_conversations()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var reader = await SignedInUser.CreateAsync(suite, "hconv" + suffix, "conversers password");
        var (token, _) = await reader.SignInAsync();

        var (own, _) = await GetAsync("/conversations/someone/messages?latest=*&limit=5", token, ResourceNames.History);
        var (named, _) = await GetAsync($"/conversations/someone/messages?as=a%3Ahconv{suffix}&latest=*&limit=5", token, ResourceNames.History);
        var (another, body) = await GetAsync("/conversations/someone/messages?as=a%3Aadmin&latest=*&limit=5", token, ResourceNames.History);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (own, named));
        Assert.Equal(HttpStatusCode.Forbidden, another);
        Assert.Equal("urn:chatcloud:history:not-a-party", body.GetProperty("type").GetString());
    }

    private static string Messages(string room) => $"/api/history/rooms/{Uri.EscapeDataString(room)}/messages";

    private static string Without(JsonElement problem, string member) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != member).ToDictionary(p => p.Name, p => p.Value));

    /// <summary>GET through the gateway (or straight to <paramref name="resource"/>) with a bearer token.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string token, string? resource = null)
    {
        using var http = new HttpClient
        {
            BaseAddress = resource is null ? suite.GatewayAddress : suite.App.GetEndpoint(resource, "http"),
            Timeout = Deadlines.Request,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
