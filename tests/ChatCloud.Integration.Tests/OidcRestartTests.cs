using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>The provider's keys are kept in PostgreSQL: an access token issued before a restart still validates after it.</summary>
public sealed class OidcRestartTests : IAsyncLifetime
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("chatcloud-oidc-restart-").FullName;
    private ChatCloudSuite? _suite;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_access_token_from_before_a_restart_validates_against_the_JWKS_after_it()
    {
        _suite = ChatCloudSuite.OnStateDirectory(_stateDirectory);
        await _suite.StartAsync();
        var accessToken = await SignInAsync(_suite);
        await _suite.StopAsync();

        await _suite.StartAsync();
        var jwks = await JwksAsync(_suite);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAudience = "chatcloud",
            // The test harness gives auth a new port at each boot, and the issuer is auth's address;
            // ./run.sh keeps one port (5101). The signature is what this test is about.
            ValidateIssuer = false,
        });

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    private static async Task<string> SignInAsync(ChatCloudSuite suite)
    {
        using (var http = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation))
        {
            using var created = await http.PostAsJsonAsync("/accounts", new { name = "oidc-yan", password = "yans password" }, Cancellation)
                .WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var browser = new OidcBrowser(suite.App.GetEndpoint(ResourceNames.Auth, "http"), suite.GatewayAddress);
        var (status, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync("oidc-yan", "yans password"));
        Assert.Equal(HttpStatusCode.OK, status);
        return tokens.GetProperty("access_token").GetString()!;
    }

    private static async Task<JsonWebKeySet> JwksAsync(ChatCloudSuite suite)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.Auth);
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), Cancellation)
            .WaitAsync(Deadlines.Request, Cancellation));
        var jwksUri = new Uri(discovery.RootElement.GetProperty("jwks_uri").GetString()!);
        return new JsonWebKeySet(await http.GetStringAsync(jwksUri, Cancellation).WaitAsync(Deadlines.Request, Cancellation));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_suite is not null)
        {
            await _suite.DisposeAsync();
        }
        Directory.Delete(_stateDirectory, recursive: true);
    }
}
