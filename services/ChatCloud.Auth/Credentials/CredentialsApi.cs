using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Auth.Credentials;

/// <summary>
/// The edge's request: <see cref="ClientAddress"/> is the IRC client's IP, for the per-address limit
/// (without it only the per-account lock-out applies: the edge's own address is everyone's).
/// </summary>
public sealed record VerifyCredentialsRequest(string? Name, string? Password, string? ClientAddress = null);

/// <summary>The account; <see cref="AppPasswordId"/> names the app password used, so its revocation can close this session.</summary>
/// <summary>A token's account (<c>sub</c>) and when it was issued (<c>iat</c>).</summary>
public sealed record SessionCheckRequest(Guid AccountId, DateTimeOffset? IssuedAt);

public sealed record VerifiedAccount(Guid Id, string Name, IReadOnlyList<string> Roles, Guid? AppPasswordId = null);

/// <summary>
/// <c>POST /credentials/verify</c>: one call per IRC sign-in (SASL PLAIN, PASS), so an edge checks a
/// password — or an app password — without holding hashes and without a round trip per message.
/// Every refusal looks the same — same status, same body, about the same time — so it does not tell
/// which names exist or which are locked out.
/// </summary>
public static class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder endpoints)
    {
        var credentials = endpoints.MapGroup("/credentials");
        credentials.MapPost("/verify", VerifyAsync);
        credentials.MapPost("/session-check", CheckSessionAsync);
        return endpoints;
    }

    /// <summary>
    /// <c>POST /credentials/session-check</c>: the edge's check of an OAUTHBEARER token's account, once per
    /// sign-in — the JWT is valid for its lifetime, but the account may have been disabled, deleted or
    /// signed out everywhere since it was issued (the same rule as <c>AccountStillSignedIn</c> here).
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> CheckSessionAsync(
        SessionCheckRequest request, AccountStore accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindCredentialsByIdAsync(request.AccountId, cancellationToken);
        var signedOutSince = account?.SessionsRevokedAt is { } revokedAt && (request.IssuedAt is not { } issued || issued < revokedAt);
        return account is null || account.Disabled || signedOutSince
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The session has ended.",
                detail: "The account is disabled or gone, or signed out after the token was issued.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<VerifiedAccount>, ProblemHttpResult>> VerifyAsync(
        VerifyCredentialsRequest request, PasswordSignIn signIn, IOptions<IdentityOptions> identity, HttpContext http, CancellationToken cancellationToken)
    {
        if (identity.Value.Provider == IdentityProvider.Keycloak)
        {
            return await VerifyWithKeycloakAsync(request, http, cancellationToken);
        }
        var attempt = await signIn.VerifyAsync(request.Name, request.Password, TooManyRequests.AddressOf(request.ClientAddress), SignInChannel.Irc, cancellationToken);
        if (attempt.RetryAfter is { } retryAfter)
        {
            return TooManyRequests.Problem(http, retryAfter);
        }
        if (attempt.Account is not { } found)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials.",
                detail: "The account name or password is not right.");
        }
        return TypedResults.Ok(new VerifiedAccount(found.Id, found.Name, found.Roles, attempt.AppPasswordId));
    }

    // Keycloak mode: the accounts and their lock-out are Keycloak's; the per-address limit stays ours.
    private static async Task<Results<Ok<VerifiedAccount>, ProblemHttpResult>> VerifyWithKeycloakAsync(
        VerifyCredentialsRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var guard = http.RequestServices.GetRequiredService<AbuseGuard>();
        var address = TooManyRequests.AddressOf(request.ClientAddress);
        var allowed = await guard.CheckSignInAddressAsync(address);
        if (!allowed.Allowed)
        {
            return TooManyRequests.Problem(http, allowed.RetryAfter);
        }
        var checkedIn = await http.RequestServices.GetRequiredService<KeycloakPasswordCheck>()
            .VerifyAsync(request.Name ?? "", request.Password ?? "", cancellationToken);
        switch (checkedIn.Verdict)
        {
            case KeycloakVerdict.SignedIn:
                return TypedResults.Ok(checkedIn.Account!);
            case KeycloakVerdict.Refused:
                await guard.RecordSignInFailureAsync(request.Name ?? "", address);
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials.",
                    detail: "The account name or password is not right.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The identity provider did not answer.",
                    detail: "Passwords cannot be checked right now; try again in a moment.");
        }
    }
}
