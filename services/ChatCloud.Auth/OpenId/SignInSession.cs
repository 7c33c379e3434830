using System.Security.Claims;
using ChatCloud.Auth.Accounts;
using Microsoft.AspNetCore.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>The provider's own sign-in session (the cookie of <see cref="SignInPage"/>), as the authorization and device verification endpoints read it.</summary>
public static class SignInSession
{
    /// <summary>
    /// The signed-in account, or null: no session, a disabled account, or a session from before a
    /// sign-out everywhere or a password change (such a session is void).
    /// </summary>
    public static async Task<StoredCredentials?> AccountAsync(HttpContext http, AccountStore accounts, CancellationToken cancellationToken)
    {
        var session = await http.AuthenticateAsync(SignInPage.CookieScheme);
        var account = session.Succeeded && Guid.TryParse(session.Principal.FindFirstValue(Claims.Subject), out var id)
            ? await accounts.FindCredentialsByIdAsync(id, cancellationToken)
            : null;
        var revoked = account?.SessionsRevokedAt is { } revokedAt && (session.Properties?.IssuedUtc is not { } issued || issued <= revokedAt);
        return account is null || account.Disabled || revoked ? null : account;
    }

    /// <summary>To the sign-in page, and back to this very request afterwards.</summary>
    public static IResult Challenge(HttpContext http) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString },
            [SignInPage.CookieScheme]);
}
