using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// Checks an access token of the auth service (SASL OAUTHBEARER) on the edge itself: the discovery
/// document and the JWKS are fetched once and cached (refreshed daily, and at once — at most every
/// five minutes — when a token names a key not seen yet, as after a rotation). No call to auth per
/// sign-in once cached, none at all per message. docs/security.md, "How services and the TCP edge check a token".
/// </summary>
public sealed partial class AccessTokenValidator(IHttpClientFactory httpClients, ILogger<AccessTokenValidator> logger)
{
    public const string HttpClientName = "auth-metadata";

    /// <summary>The audience of every ChatCloud access token (the auth service's <c>Auth:Oidc:Audience</c>).</summary>
    public const string Audience = "chatcloud";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> _configuration = new(() =>
        new ConfigurationManager<OpenIdConnectConfiguration>(
            $"http://{ResourceNames.Auth}/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            // Service discovery names (http://auth) and plain HTTP inside the suite; the issuer the
            // tokens must carry is whatever the discovery document says.
            new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = false }));

    public async Task<SignInResult> ValidateAsync(string accessToken, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _configuration.Value.GetConfigurationAsync(cancellationToken);
        }
        // A cancellation goes to the caller, who tells its deadline from the connection closing.
        catch (Exception exception) when (exception is InvalidOperationException or IOException or HttpRequestException)
        {
            LogMetadataUnavailable(logger, exception);
            return new SignInResult(SignInOutcome.Unavailable);
        }
        var result = await _handler.ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key not in the cached JWKS: refetch (rate-limited by the manager) before the next try.
            _configuration.Value.RequestRefresh();
        }
        if (!result.IsValid
            || !Guid.TryParse(result.ClaimsIdentity.FindFirst("sub")?.Value, out var id)
            || result.ClaimsIdentity.FindFirst("name")?.Value is not { Length: > 0 } name)
        {
            var reason = result.Exception?.GetType().Name ?? "missing claims";
            LogRefused(logger, reason);
            return new SignInResult(SignInOutcome.Refused);
        }
        return new SignInResult(SignInOutcome.SignedIn, new AccountIdentity(id, name));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The auth service's OpenID Connect metadata could not be fetched")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception);

    // The reason only: never the token.
    [LoggerMessage(Level = LogLevel.Information, Message = "An access token was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
