using System.Security.Claims;
using System.Text.Json;

namespace ChatCloud.Authentication;

/// <summary>
/// One place that says how a token's roles and name are read. The built-in provider writes one
/// <c>role</c> claim per role and the account name in <c>name</c>; Keycloak writes the realm's roles
/// into <c>realm_access: {"roles": [...]}</c> and the account name in <c>preferred_username</c>
/// (its <c>name</c> is the person's full name). After <see cref="Map"/> both read the same:
/// <c>role</c> claims and <see cref="ClaimsIdentity.Name"/>.
/// </summary>
public static class TokenRoles
{
    public const string RoleClaim = "role";
    public const string User = "user";
    public const string Admin = "admin";

    /// <summary>The role of a service's own token (client credentials grant), never of a person.</summary>
    public const string Service = "service";

    public static string NameClaim(IdentityProvider provider) =>
        provider == IdentityProvider.Keycloak ? "preferred_username" : "name";

    /// <summary>Adds Keycloak's realm roles as <c>role</c> claims; idempotent, a no-op for the built-in provider.</summary>
    public static void Map(ClaimsIdentity identity, IdentityProvider provider)
    {
        if (provider != IdentityProvider.Keycloak || identity.FindFirst("realm_access") is not { } realmAccess)
        {
            return;
        }
        foreach (var role in RealmRoles(realmAccess.Value))
        {
            if (!identity.HasClaim(RoleClaim, role))
            {
                identity.AddClaim(new Claim(RoleClaim, role, ClaimValueTypes.String, realmAccess.Issuer));
            }
        }
    }

    private static List<string> RealmRoles(string json)
    {
        var roles = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("roles", out var array)
                && array.ValueKind == JsonValueKind.Array)
            {
                roles.AddRange(array.EnumerateArray()
                    .Where(role => role.ValueKind == JsonValueKind.String)
                    .Select(role => role.GetString()!));
            }
        }
        catch (JsonException)
        {
            // A signed token with a malformed realm_access grants no roles rather than failing the request.
        }
        return roles;
    }
}
