using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Signing in through the gateway (issue 4, "issuer via gateway"; issue 6): a browser that only ever
/// talks to the gateway's address runs the code flow with PKCE, gets a token naming that address as
/// issuer, and every service accepts it.
/// </summary>
public sealed class OidcGatewayTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_code_flow_runs_through_the_gateway_and_its_token_opens_a_user_endpoint()
    {
        var name = "gate" + Guid.NewGuid().ToString("N")[..8];
        using (var auth = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation))
        {
            using var created = await auth.PostAsJsonAsync("/accounts", new { name, password = "gates password" }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var browser = new OidcBrowser(suite.GatewayAddress, suite.GatewayAddress);

        using var discovery = await browser.GetAsync("/.well-known/openid-configuration");
        var document = JsonDocument.Parse(await discovery.Content.ReadAsStringAsync(Cancellation)).RootElement;
        using var challenge = await browser.GetAsync(browser.AuthorizePath("s0"));
        var (status, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(name, "gates password"));
        var accessToken = tokens.GetProperty("access_token").GetString()!;

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        var issuer = suite.App.GetEndpoint(ResourceNames.Gateway, "http").AbsoluteUri.TrimEnd('/');
        Assert.Equal(issuer, document.GetProperty("issuer").GetString()!.TrimEnd('/'));
        // The sign-in page is sent for at the gateway's address the browser used, not auth's own.
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.True(!challenge.Headers.Location!.IsAbsoluteUri || challenge.Headers.Location.Port == suite.GatewayPort, challenge.Headers.Location.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(issuer, new JsonWebToken(accessToken).Issuer.TrimEnd('/'));

        // A user endpoint behind the gateway accepts it: history, for the rooms the account is in (none yet).
        using var http = new HttpClient { BaseAddress = suite.GatewayAddress, Timeout = Deadlines.Request };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(
            "/api/history/targets?room=%23nowhere&from=timestamp%3D2000-01-01T00%3A00%3A00.000Z&to=timestamp%3D2100-01-01T00%3A00%3A00.000Z&limit=5", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("targets").GetArrayLength());
    }
}
