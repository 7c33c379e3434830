using ChatCloud.Authentication;
using ChatCloud.ServiceDefaults.Tests;
using ChatCloud.TcpEdge.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// SASL OAUTHBEARER in Keycloak mode: the edge's token check uses the services' token trust, so a
/// Keycloak-shaped token (from <see cref="TestIssuer"/>, a realm served over real HTTP) signs in with
/// its <c>preferred_username</c>, and expired, wrong-audience, wrong-issuer, tampered and service
/// tokens are refused.
/// </summary>
public sealed class AccessTokenValidatorTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private IHost _host = null!;

    private AccessTokenValidator Validator => _host.Services.GetRequiredService<AccessTokenValidator>();

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Identity:Provider"] = "Keycloak",
            ["Identity:Authority"] = _issuer.Authority.AbsoluteUri,
            ["Identity:Audience"] = "chatcloud",
            ["Identity:RequireHttpsMetadata"] = "false",
        });
        builder.AddServiceDefaults();
        builder.AddChatCloudTokenTrust();
        builder.Services.AddSingleton<AccessTokenValidator>();
        _host = builder.Build();
        await _host.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_Keycloak_token_signs_in_with_its_subject_and_preferred_username()
    {
        var id = Guid.NewGuid();

        var result = await Validator.ValidateAsync(_issuer.Issue(id.ToString(), "kc-alice", ["user"]), TestContext.Current.CancellationToken);

        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        Assert.Equal(new AccountIdentity(id, "kc-alice"), result.Account);
        Assert.NotNull(result.IssuedAt);
    }

    [Fact]
    public async Task Bad_tokens_and_service_tokens_are_refused()
    {
        var id = Guid.NewGuid().ToString();
        var original = _issuer.Issue(id, "kc-bob", ["user"]).Split('.');
        var tokens = new[]
        {
            _issuer.Issue(id, "kc-bob", ["user"], now: DateTime.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5)),
            _issuer.Issue(id, "kc-bob", ["user"], audience: "account"),
            _issuer.Issue(id, "kc-bob", ["user"], issuer: _issuer.Issuer.Replace("chatcloud", "master", StringComparison.Ordinal)),
            string.Join('.', original[0], _issuer.Issue(id, "kc-root", ["user", "admin"]).Split('.')[1], original[2]),
            _issuer.Issue(id, "service-account-tcpedge", ["service"]),
        };

        foreach (var token in tokens)
        {
            var result = await Validator.ValidateAsync(token, TestContext.Current.CancellationToken);
            Assert.Equal(SignInOutcome.Refused, result.Outcome);
        }
    }
}
