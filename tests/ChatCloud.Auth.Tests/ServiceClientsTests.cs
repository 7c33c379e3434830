using ChatCloud.Auth.OpenId;
using OpenIddict.Abstractions;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.Tests;

/// <summary>What a service client may do, and what its token says (docs/security.md, "Service-to-service").</summary>
public sealed class ServiceClientsTests
{
    [Fact]
    public void A_service_client_is_confidential_and_may_only_use_the_client_credentials_grant()
    {
        var descriptor = ServiceClientRegistrar.Describe("tcpedge", "a-secret-that-is-long-enough-1234");

        Assert.Equal("tcpedge", descriptor.ClientId);
        Assert.Equal(ClientTypes.Confidential, descriptor.ClientType);
        Assert.Equal("a-secret-that-is-long-enough-1234", descriptor.ClientSecret);
        Assert.Equal([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials], descriptor.Permissions.Order(StringComparer.Ordinal));
        Assert.Empty(descriptor.RedirectUris);
    }

    [Fact]
    public void A_service_token_names_the_client_with_the_service_role_for_the_chatcloud_audience_only_in_an_access_token()
    {
        var identity = ServiceTokens.ForClient("tcpedge", "chatcloud");

        Assert.Equal("tcpedge", identity.GetClaim(Claims.Subject));
        Assert.Equal("tcpedge", identity.Name);
        Assert.Equal(["service"], identity.GetClaims(Claims.Role));
        Assert.Equal(["chatcloud"], identity.GetResources());
        Assert.All(identity.Claims, claim => Assert.Equal([Destinations.AccessToken], claim.GetDestinations()));
    }
}
