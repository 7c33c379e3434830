using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Every service trusts tokens the same way (issue 4), on the booted suite: no token is 401, a
/// person's token on a service-only or admin endpoint is 403, the edge's service token and an
/// administrator's token pass, and an administrator can make another one.
/// </summary>
public sealed class ServiceTrustTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> SendAsync(string resource, HttpMethod method, string path, string? token, object? body = null)
    {
        using var http = suite.App.CreateHttpClient(resource, "http");
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return response.StatusCode;
    }

    private async Task<(string AccessToken, string RefreshToken)> SignInAsync(string name, string password)
    {
        using var browser = new OidcBrowser(suite.App.GetEndpoint(ResourceNames.Auth, "http"), suite.GatewayAddress);
        var (status, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(name, password));
        Assert.Equal(HttpStatusCode.OK, status);
        return (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
    }

    private async Task<Guid> CreateAccountAsync(string name, string password)
    {
        using var auth = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation);
        using var created = await auth.PostAsJsonAsync("/accounts", new { name, password }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
    }

    private string AdminPassword()
    {
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(suite.StateDirectory, "secrets.json")));
        return secrets.RootElement.GetProperty("admin-password").GetString()!;
    }

    [Fact]
    public async Task Internal_apis_refuse_callers_without_a_token_and_people_with_one()
    {
        await CreateAccountAsync("trust-una", "unas password");
        var (user, _) = await SignInAsync("trust-una", "unas password");
        var service = await suite.App.ServiceTokenAsync(Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(ResourceNames.Messages, HttpMethod.Get, "/rooms/%23trust", token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(ResourceNames.History, HttpMethod.Get, "/api/history/rooms/%23trust/messages?latest=*&limit=1", token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(ResourceNames.Auth, HttpMethod.Post, "/credentials/verify", token: null, new { name = "trust-una", password = "unas password" }));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(ResourceNames.Messages, HttpMethod.Get, "/rooms/%23trust", "not.a.token"));
        // A person's own valid token does not open the room authority or the password check.
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(ResourceNames.Messages, HttpMethod.Get, "/rooms/%23trust", user));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(ResourceNames.Auth, HttpMethod.Post, "/credentials/verify", user, new { name = "trust-una", password = "unas password" }));
        // History lets a person in, but only to rooms they are in (HistoryAccessTests); #trust has no members.
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(ResourceNames.History, HttpMethod.Get, "/api/history/rooms/%23trust/messages?latest=*&limit=1", user));
        // The edge's token does.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(ResourceNames.History, HttpMethod.Get, "/api/history/rooms/%23trust/messages?latest=*&limit=1", service));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(ResourceNames.Auth, HttpMethod.Post, "/credentials/verify", service, new { name = "trust-una", password = "unas password" }));
        // Health stays open to the orchestrator.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(ResourceNames.Messages, HttpMethod.Get, "/health", token: null));
    }

    [Fact]
    public async Task Only_an_administrator_reaches_the_admin_endpoints_and_can_make_another_administrator()
    {
        var patId = await CreateAccountAsync("trust-pat", "pats password");
        var (pat, patRefresh) = await SignInAsync("trust-pat", "pats password");
        var (admin, _) = await SignInAsync("admin", AdminPassword());
        var service = await suite.App.ServiceTokenAsync(Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(ResourceNames.Auth, HttpMethod.Get, "/admin/accounts", token: null));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(ResourceNames.Auth, HttpMethod.Get, "/admin/accounts", pat));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(ResourceNames.Auth, HttpMethod.Get, "/admin/accounts", service));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(ResourceNames.Auth, HttpMethod.Post, $"/admin/accounts/{patId}/roles", pat, new { role = "admin" }));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(ResourceNames.Auth, HttpMethod.Get, "/admin/accounts?limit=5", admin));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(ResourceNames.Auth, HttpMethod.Post, $"/admin/accounts/{patId}/roles", admin, new { role = "service" }));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(ResourceNames.Auth, HttpMethod.Post, $"/admin/accounts/{Guid.NewGuid()}/roles", admin, new { role = "admin" }));

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(ResourceNames.Auth, HttpMethod.Post, $"/admin/accounts/{patId}/roles", admin, new { role = "admin" }));

        // The promotion is in pat's next token (a refresh re-reads the account), not in the one already held.
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(ResourceNames.Auth, HttpMethod.Get, "/admin/accounts", pat));
        using var browser = new OidcBrowser(suite.App.GetEndpoint(ResourceNames.Auth, "http"), suite.GatewayAddress);
        var (status, refreshed) = await browser.RefreshAsync(patRefresh);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(ResourceNames.Auth, HttpMethod.Get, "/admin/accounts", refreshed.GetProperty("access_token").GetString()));
    }
}
