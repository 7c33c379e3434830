using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatCloud.Authentication;

/// <summary>A token that passed: its claims (roles mapped as for an HTTP request) and when it was issued.</summary>
public sealed record ValidatedToken(ClaimsIdentity Identity, DateTimeOffset? IssuedAt);

/// <summary>
/// Checks a token outside an HTTP request — the TCP edge's SASL OAUTHBEARER, the auth service's PLAIN
/// against Keycloak — with exactly the trust of <see cref="TokenTrustRegistration"/>: JwtBearer's own
/// cached discovery document and JWKS (refreshed daily, and at once — rate-limited — when a token
/// names a key not seen yet) and a copy of its validation parameters (issuer, audience, skew, name
/// claim), then the same role mapping. No call to the issuer per token once cached.
/// </summary>
public sealed class BearerTokenValidator(IOptionsMonitor<JwtBearerOptions> bearer, IOptions<IdentityOptions> identity)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The validated token, or the reason it failed. Throws when the issuer's metadata cannot be had.</summary>
    /// <exception cref="InvalidOperationException">The discovery document or JWKS could not be fetched.</exception>
    public async Task<(ValidatedToken? Token, Exception? Failure)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var configuration = await jwt.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var parameters = jwt.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key not in the cached JWKS: refetch (rate-limited by the manager) before the next try.
            jwt.ConfigurationManager.RequestRefresh();
        }
        if (!result.IsValid)
        {
            return (null, result.Exception);
        }
        TokenRoles.Map(result.ClaimsIdentity, identity.Value.Provider);
        var issuedAt = result.SecurityToken is JsonWebToken { IssuedAt: var issued } && issued != DateTime.MinValue
            ? new DateTimeOffset(issued, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        return (new ValidatedToken(result.ClaimsIdentity, issuedAt), null);
    }

    /// <summary>The metadata fetch failures <see cref="ValidateAsync"/> lets through (a cancellation is the caller's own).</summary>
    public static bool IsMetadataFailure(Exception exception) => exception is InvalidOperationException or IOException or HttpRequestException;
}
