using System.Security.Claims;
using ChatCloud.Auth.Accounts;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// The claims of ChatCloud tokens: <c>sub</c> (account id), <c>name</c> (account name), <c>role</c>
/// (user, admin), audience <c>chatcloud</c>. Access tokens always carry name and roles (every
/// service authorizes on them); the id token only for the scopes that ask for them.
/// </summary>
public static class TokenClaims
{
    /// <summary>The scopes a ChatCloud client may be granted; others asked for are dropped.</summary>
    public static readonly IReadOnlySet<string> Granted = new HashSet<string>(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess,
    };

    /// <summary>A new identity for a sign-in at the authorization endpoint.</summary>
    public static ClaimsIdentity ForSignIn(StoredCredentials account, IEnumerable<string> requestedScopes, string audience)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetScopes(requestedScopes.Where(Granted.Contains));
        identity.SetResources(audience);
        return Refresh(identity, account);
    }

    /// <summary>
    /// The identity of a redeemed code or refresh token with the account's current name and roles.
    /// It keeps OpenIddict's own claims (the authorization id above all: it ties the new refresh token
    /// to the chain that a reuse revokes).
    /// </summary>
    public static ClaimsIdentity Refresh(ClaimsIdentity identity, StoredCredentials account)
    {
        identity.SetClaim(Claims.Subject, account.Id.ToString());
        identity.SetClaim(Claims.Name, account.Name);
        identity.SetClaims(Claims.Role, [.. account.Roles]);
        identity.SetDestinations(claim => Destinations(claim, identity));
        return identity;
    }

    private static IEnumerable<string> Destinations(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name when identity.HasScope(Scopes.Profile) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Role when identity.HasScope(Scopes.Roles) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.Role => [OpenIddictConstants.Destinations.AccessToken],
        _ => [],
    };
}
