using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>
/// Keycloak mode (issue 4): a service trusting the realm <c>…/realms/chatcloud</c> accepts Keycloak's
/// tokens, reads roles from <c>realm_access.roles</c>, and refuses expired, wrong-audience,
/// wrong-issuer and tampered ones. The realm is <see cref="TestIssuer"/>, served over real HTTP.
/// </summary>
public sealed class KeycloakTokenTrustTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private ProtectedService _service = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _service = await ProtectedService.StartAsync(ProtectedService.Trusting(_issuer));
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private string User(params string[] roles) => _issuer.Issue(Guid.NewGuid().ToString(), "alice", roles);

    [Fact]
    public async Task A_user_token_passes_the_user_policy_with_the_name_Keycloak_gives_the_account()
    {
        using var response = await _service.GetAsync("/user", User("user", "offline_access"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_admin_endpoint_takes_only_the_admin_realm_role()
    {
        using var asUser = await _service.GetAsync("/admin", User("user"));
        using var asAdmin = await _service.GetAsync("/admin", User("user", "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task The_service_policy_refuses_people_and_takes_the_service_role()
    {
        using var asAdmin = await _service.GetAsync("/service", User("user", "admin"));
        using var asService = await _service.GetAsync("/service", User("service"));

        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asService.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_that_names_no_policy_still_needs_a_token_and_health_does_not()
    {
        using var anonymous = await _service.GetAsync("/unnamed", token: null);
        using var signedIn = await _service.GetAsync("/unnamed", User());
        using var health = await _service.GetAsync("/alive", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_beyond_the_clock_skew()
    {
        var expired = _issuer.Issue(Guid.NewGuid().ToString(), "alice", ["user"],
            now: DateTime.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5));

        using var response = await _service.GetAsync("/user", expired);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("chatcloud-other")]
    [InlineData(null)]
    public async Task A_token_for_another_audience_is_refused(string? audience)
    {
        var token = _issuer.Issue(Guid.NewGuid().ToString(), "alice", ["user", "admin"], audience: audience);

        using var response = await _service.GetAsync("/user", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_another_realm_is_refused_though_signed_with_the_same_key()
    {
        var token = _issuer.Issue(Guid.NewGuid().ToString(), "alice", ["user", "admin"],
            issuer: _issuer.Issuer.Replace("/realms/chatcloud", "/realms/master", StringComparison.Ordinal));

        using var response = await _service.GetAsync("/user", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        // Promote oneself: swap the payload for one saying admin, keep the signature of the original.
        var original = User("user").Split('.');
        var forged = User("user", "admin").Split('.');
        var tampered = string.Join('.', original[0], forged[1], original[2]);

        using var response = await _service.GetAsync("/admin", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_realm_does_not_publish_is_refused()
    {
        using var stranger = RSA.Create(2048);
        var token = _issuer.Issue(Guid.NewGuid().ToString(), "alice", ["user", "admin"],
            key: new RsaSecurityKey(stranger) { KeyId = _issuer.Key.KeyId });

        using var response = await _service.GetAsync("/admin", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
