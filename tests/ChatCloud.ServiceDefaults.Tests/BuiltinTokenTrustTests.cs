using System.Net;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>The built-in provider's token shape, and start-up refusing a service that would trust nothing.</summary>
public sealed class BuiltinTokenTrustTests
{
    [Fact]
    public async Task Roles_come_from_role_claims_and_realm_access_grants_nothing()
    {
        await using var issuer = await TestIssuer.StartAsync(realmPath: "");
        await using var service = await ProtectedService.StartAsync(ProtectedService.Trusting(issuer, provider: "Builtin"));

        using var admin = await service.GetAsync("/admin", issuer.IssueBuiltin(Guid.NewGuid().ToString(), "root", ["user", "admin"]));
        using var user = await service.GetAsync("/user", issuer.IssueBuiltin(Guid.NewGuid().ToString(), "bob", ["user"]));
        // A Keycloak-shaped admin token means nothing to a service that trusts the built-in provider's claims.
        using var keycloakShaped = await service.GetAsync("/admin", issuer.Issue(Guid.NewGuid().ToString(), "eve", ["admin"]));

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("bob", await user.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Forbidden, keycloakShaped.StatusCode);
    }

    [Theory]
    [InlineData(null, "chatcloud", "false")]
    [InlineData("http://127.0.0.1:1/", null, "false")]
    [InlineData("relative/path", "chatcloud", "false")]
    [InlineData("https://id.example/realms/chatcloud", "chatcloud", "false")]
    public async Task Missing_or_unsafe_identity_configuration_fails_start_up(string? authority, string? audience, string requireHttps)
    {
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Identity:Authority"] = authority,
            ["Identity:Audience"] = audience,
            ["Identity:RequireHttpsMetadata"] = requireHttps,
        };

        await Assert.ThrowsAsync<OptionsValidationException>(async () => await ProtectedService.StartAsync(configuration));
    }
}
