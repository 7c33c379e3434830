using System.Net;
using ChatCloud.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>
/// Service-to-service: a client with <c>AddServiceToken()</c> gets a token by the client credentials
/// grant at the discovery document's token endpoint, keeps it for many calls, and the called service
/// lets it through the <c>service</c> policy.
/// </summary>
public sealed class ServiceTokenTests
{
    private static Dictionary<string, string?> Caller(TestIssuer issuer, string secret)
    {
        var configuration = ProtectedService.Trusting(issuer);
        configuration["Identity:ClientId"] = TestIssuer.ServiceClientId;
        configuration["Identity:ClientSecret"] = secret;
        return configuration;
    }

    [Fact]
    public async Task Calls_carry_one_cached_service_token_that_the_service_policy_accepts()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var callee = await ProtectedService.StartAsync(ProtectedService.Trusting(issuer));
        await using var caller = await ProtectedService.StartAsync(Caller(issuer, TestIssuer.ServiceClientSecret),
            builder => builder.Services.AddHttpClient("callee", http => http.BaseAddress = callee.Address).AddServiceToken());
        var http = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("callee");

        for (var call = 0; call < 3; call++)
        {
            using var response = await http.GetAsync(new Uri("/service", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, issuer.TokenRequests);
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_token_and_the_call_fails_as_unreachable()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var callee = await ProtectedService.StartAsync(ProtectedService.Trusting(issuer));
        await using var caller = await ProtectedService.StartAsync(Caller(issuer, "not-the-secret-at-all"),
            builder => builder.Services.AddHttpClient("callee", http => http.BaseAddress = callee.Address).AddServiceToken());
        var http = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("callee");

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("/service", UriKind.Relative), TestContext.Current.CancellationToken));
    }
}
