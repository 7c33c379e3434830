using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Lock-out and rate limits (issue 4) against the real Redis of the booted suite, with the service's
/// default thresholds (10 failures lock a name; 30 failures per address; sign-ups 500 an hour per
/// address in Development, where every local client is 127.0.0.1). Addresses are TEST-NET ones the
/// edge would report, so these tests do not use up 127.0.0.1's allowance.
/// </summary>
public sealed class AbuseProtectionTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> VerifyAsync(string name, string password, string? clientAddress = null)
    {
        using var http = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation);
        var response = await http.PostAsJsonAsync("/credentials/verify", new { name, password, clientAddress }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation), response);
    }

    [Fact]
    public async Task Ten_failures_lock_the_account_and_a_locked_account_is_refused_like_an_unknown_one()
    {
        await SignedInUser.CreateAsync(suite, "lock-eve", "eves password");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await VerifyAsync("lock-eve", $"guess number {i}")).Status);
        }

        var locked = await VerifyAsync("lock-eve", "eves password");
        var unknown = await VerifyAsync("lock-nobody", "eves password");
        var (irc, outcome) = await SignedInUser.IrcPlainAsync(suite, "lock-eve", "lock-eve", "eves password");
        await irc.DisposeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, locked.Status);
        Assert.Equal(unknown.Status, locked.Status);
        Assert.Equal(Without("traceId", unknown.Body), Without("traceId", locked.Body));
        Assert.Equal(":chatcloud.local 904 lock-eve :SASL authentication failed: invalid account name or password", outcome);
    }

    [Fact]
    public async Task An_address_over_its_failure_limit_gets_429_with_Retry_After_and_the_edge_still_says_904_to_others()
    {
        const string Address = "198.51.100.23";
        for (var i = 0; i < 30; i++)
        {
            // Different names, so no lock-out: the limit is the address's.
            Assert.Equal(HttpStatusCode.Unauthorized, (await VerifyAsync($"spray{i}", "password123", Address)).Status);
        }

        var (status, body, response) = await VerifyAsync("spray-next", "password123", Address);
        var elsewhere = await VerifyAsync("spray-next", "password123", "198.51.100.24");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.Status);
        response.Dispose();
    }

    [Fact]
    public async Task Sign_ups_from_one_address_are_limited_with_429_and_Retry_After()
    {
        using var http = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation);
        const string Address = "203.0.113.77";
        // Invalid names cost no hashing and count all the same (a 409 would tell which names exist).
        for (var i = 0; i < 500; i++)
        {
            using var refused = await http.PostAsJsonAsync("/accounts", new { name = "1-not-a-nick", password = "password123", clientAddress = Address }, Cancellation)
                .WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var limited = await http.PostAsJsonAsync("/accounts", new { name = "signup-fay", password = "fays password", clientAddress = Address }, Cancellation)
            .WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many attempts.", (await limited.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("title").GetString());
    }

    private static string Without(string property, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }
}
