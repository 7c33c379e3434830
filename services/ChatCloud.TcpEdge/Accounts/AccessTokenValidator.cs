using ChatCloud.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// Checks an access token (SASL OAUTHBEARER) on the edge itself, with the same trust as every HTTP
/// service (<see cref="TokenTrustRegistration"/>): the same authority's discovery document and JWKS,
/// cached by the same JwtBearer configuration manager (refreshed daily, and at once — rate-limited —
/// when a token names a key not seen yet), the same audience, skew, name and roles — so a Keycloak
/// token signs in here as it calls an API. No call to the issuer per sign-in once cached, none per
/// message. docs/security.md, "How services and the TCP edge check a token".
/// </summary>
public sealed partial class AccessTokenValidator(
    IOptionsMonitor<JwtBearerOptions> bearer, IOptions<IdentityOptions> identity, ILogger<AccessTokenValidator> logger)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<SignInResult> ValidateAsync(string accessToken, CancellationToken cancellationToken)
    {
        var jwt = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await jwt.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        // A cancellation goes to the caller, who tells its deadline from the connection closing.
        catch (Exception exception) when (exception is InvalidOperationException or IOException or HttpRequestException)
        {
            LogMetadataUnavailable(logger, exception);
            return new SignInResult(SignInOutcome.Unavailable);
        }
        var parameters = jwt.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var result = await _handler.ValidateTokenAsync(accessToken, parameters);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key not in the cached JWKS: refetch (rate-limited by the manager) before the next try.
            jwt.ConfigurationManager.RequestRefresh();
        }
        if (result.IsValid)
        {
            TokenRoles.Map(result.ClaimsIdentity, identity.Value.Provider);
        }
        if (!result.IsValid
            || !Guid.TryParse(result.ClaimsIdentity.FindFirst("sub")?.Value, out var id)
            || result.ClaimsIdentity.Name is not { Length: > 0 } name
            // A service's own token speaks for no person: it cannot sign in on IRC.
            || result.ClaimsIdentity.HasClaim(TokenRoles.RoleClaim, TokenRoles.Service))
        {
            var reason = result.Exception?.GetType().Name ?? "missing claims or a service token";
            LogRefused(logger, reason);
            return new SignInResult(SignInOutcome.Refused);
        }
        return new SignInResult(SignInOutcome.SignedIn, new AccountIdentity(id, name), IssuedAt(result));
    }

    private static DateTimeOffset? IssuedAt(TokenValidationResult result) =>
        result.SecurityToken is JsonWebToken { IssuedAt: var issued } && issued != DateTime.MinValue ? new DateTimeOffset(issued, TimeSpan.Zero) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider's OpenID Connect metadata could not be fetched")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception);

    // The reason only: never the token.
    [LoggerMessage(Level = LogLevel.Information, Message = "An access token was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
