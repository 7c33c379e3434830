using ChatCloud.Authentication;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// Checks an access token (SASL OAUTHBEARER) on the edge itself, with the same trust as every HTTP
/// service (<see cref="BearerTokenValidator"/>), so a Keycloak token signs in here as it calls an API,
/// and asks the issuer nothing per sign-in once its keys are cached. It also needs a UUID <c>sub</c>
/// and a name, and refuses a service's token (which speaks for no person). docs/security.md, "How
/// services and the TCP edge check a token".
/// </summary>
public sealed partial class AccessTokenValidator(BearerTokenValidator validator, ILogger<AccessTokenValidator> logger)
{
    public async Task<SignInResult> ValidateAsync(string accessToken, CancellationToken cancellationToken)
    {
        ValidatedToken? token;
        Exception? failure;
        try
        {
            (token, failure) = await validator.ValidateAsync(accessToken, cancellationToken);
        }
        // A cancellation goes to the caller, who tells its deadline from the connection closing.
        catch (Exception exception) when (BearerTokenValidator.IsMetadataFailure(exception))
        {
            LogMetadataUnavailable(logger, exception);
            return new SignInResult(SignInOutcome.Unavailable);
        }
        if (token is null
            || !Guid.TryParse(token.Identity.FindFirst("sub")?.Value, out var id)
            || token.Identity.Name is not { Length: > 0 } name
            // A service's own token speaks for no person: it cannot sign in on IRC.
            || token.Identity.HasClaim(TokenRoles.RoleClaim, TokenRoles.Service))
        {
            var reason = failure?.GetType().Name ?? "missing claims or a service token";
            LogRefused(logger, reason);
            return new SignInResult(SignInOutcome.Refused);
        }
        return new SignInResult(SignInOutcome.SignedIn, new AccountIdentity(id, name), token.IssuedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider's OpenID Connect metadata could not be fetched")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception);

    // The reason only: never the token.
    [LoggerMessage(Level = LogLevel.Information, Message = "An access token was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
