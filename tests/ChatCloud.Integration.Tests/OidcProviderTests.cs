using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>The auth service as an OpenID Connect provider (issue 4), driven over HTTP on the booted suite.</summary>
public sealed class OidcProviderTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Uri Authority => suite.App.GetEndpoint(ResourceNames.Auth, "http");

    private async Task CreateAccountAsync(string name, string password)
    {
        using var http = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation);
        using var response = await http.PostAsJsonAsync("/accounts", new { name, password }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> GetJsonAsync(Uri address)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(address, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone();
    }

    [Fact]
    public async Task Discovery_names_the_configured_issuer_the_code_flow_with_PKCE_and_a_JWKS_with_keys()
    {
        var discovery = await GetJsonAsync(new Uri(Authority, "/.well-known/openid-configuration"));

        // The issuer is the gateway's public address, where browsers sign in (docs/security.md).
        Assert.Equal(suite.App.GetEndpoint(ResourceNames.Gateway, "http").AbsoluteUri.TrimEnd('/'), discovery.GetProperty("issuer").GetString()!.TrimEnd('/'));
        Assert.Contains("authorization_code", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("refresh_token", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var jwks = await GetJsonAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!));
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _), "The JWKS must not publish the private key.");
    }

    [Fact]
    public async Task The_code_flow_with_PKCE_gives_a_JWT_that_validates_against_the_JWKS_with_the_account_claims()
    {
        await CreateAccountAsync("oidc-una", "unas password");
        using var browser = new OidcBrowser(Authority, suite.GatewayAddress);

        var code = await browser.AuthorizeAsync("Oidc-Una", "unas password");
        var (status, tokens) = await browser.RedeemCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.InRange(tokens.GetProperty("expires_in").GetInt32(), 500, 600);
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        var validated = await ValidateAsync(tokens.GetProperty("access_token").GetString()!);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        Assert.True(Guid.TryParse(jwt.Subject, out _));
        Assert.Equal("oidc-una", jwt.GetClaim("name").Value);
        Assert.Equal(["user"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(["chatcloud"], jwt.Audiences);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("chatcloud-web", jwt.GetClaim("client_id").Value);
        Assert.Equal(TimeSpan.FromMinutes(10), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task A_code_is_refused_without_the_right_code_verifier()
    {
        await CreateAccountAsync("oidc-vic", "vics password");
        using var browser = new OidcBrowser(Authority, suite.GatewayAddress);
        var code = await browser.AuthorizeAsync("oidc-vic", "vics password");

        var (status, error) = await browser.TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = browser.RedirectUri,
            ["code_verifier"] = Base64UrlEncoder.Encode(new byte[32]),
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_and_issues_no_code()
    {
        await CreateAccountAsync("oidc-wes", "wess password");
        using var browser = new OidcBrowser(Authority, suite.GatewayAddress);
        using var challenge = await browser.GetAsync(browser.AuthorizePath("s2"));
        var signInPath = challenge.Headers.Location!.OriginalString;

        using var refused = await browser.SignInAsync(signInPath, "oidc-wes", "not wess password");
        var page = await refused.Content.ReadAsStringAsync(Cancellation);
        using var again = await browser.GetAsync(browser.AuthorizePath("s2"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The account name or password is not right.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        // Still not signed in: the authorization request goes back to the sign-in page, not to the client.
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/signin", new Uri(Authority, again.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpClient { BaseAddress = Authority };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "admin", ["password"] = "whatever123", ["returnUrl"] = "/connect/authorize" });

        using var response = await http.PostAsync(new Uri("/signin", UriKind.Relative), form, Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_is_rotated_on_use_and_reusing_an_old_one_revokes_the_chain()
    {
        await CreateAccountAsync("oidc-xia", "xias password");
        using var browser = new OidcBrowser(Authority, suite.GatewayAddress);
        var (_, first) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync("oidc-xia", "xias password"));
        var firstRefresh = first.GetProperty("refresh_token").GetString()!;

        var (rotatedStatus, rotated) = await browser.RefreshAsync(firstRefresh);
        var secondRefresh = rotated.GetProperty("refresh_token").GetString()!;
        var (reuseStatus, reuse) = await browser.RefreshAsync(firstRefresh);
        var (afterReuseStatus, afterReuse) = await browser.RefreshAsync(secondRefresh);

        Assert.Equal(HttpStatusCode.OK, rotatedStatus);
        Assert.NotEqual(firstRefresh, secondRefresh);
        Assert.True((await ValidateAsync(rotated.GetProperty("access_token").GetString()!)).IsValid);
        Assert.Equal(HttpStatusCode.BadRequest, reuseStatus);
        Assert.Equal("invalid_grant", reuse.GetProperty("error").GetString());
        // The reuse revoked the authorization: the newest refresh token of the chain is dead too.
        Assert.Equal(HttpStatusCode.BadRequest, afterReuseStatus);
        Assert.Equal("invalid_grant", afterReuse.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_revoked_refresh_token_no_longer_works()
    {
        await CreateAccountAsync("oidc-zed", "zeds password");
        using var browser = new OidcBrowser(Authority, suite.GatewayAddress);
        var (_, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync("oidc-zed", "zeds password"));
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        using var revoke = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refreshToken,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = OidcBrowser.ClientId,
        });
        using var http = new HttpClient { BaseAddress = Authority };
        using var revoked = await http.PostAsync(new Uri("/connect/revoke", UriKind.Relative), revoke, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var (status, error) = await browser.RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_disabled_account_gets_no_new_tokens_from_its_refresh_token()
    {
        await CreateAccountAsync("oidc-ada", "adas password");
        using var browser = new OidcBrowser(Authority, suite.GatewayAddress);
        var (_, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync("oidc-ada", "adas password"));

        await using (var dataSource = Npgsql.NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!))
        {
            await dataSource.CreateCommand("UPDATE auth.accounts SET disabled_at = now() WHERE name = 'oidc-ada'").ExecuteNonQueryAsync(Cancellation);
        }
        var (status, error) = await browser.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    /// <summary>Validation as every service and the edge will do it: issuer, audience, lifetime, and a signature from the JWKS.</summary>
    private async Task<TokenValidationResult> ValidateAsync(string accessToken)
    {
        var discovery = await GetJsonAsync(new Uri(Authority, "/.well-known/openid-configuration"));
        var jwks = new JsonWebKeySet((await GetJsonAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!))).GetRawText());
        return await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = "chatcloud",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = true,
        });
    }
}
