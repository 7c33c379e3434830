using System.Security.Claims;
using ChatCloud.Auth.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// The endpoints OpenIddict passes through to us once it has validated the protocol (client,
/// redirect URI, PKCE, code, refresh token, post-logout URI): who the user is, what the tokens say,
/// and the end of a sign-in session.
/// </summary>
public static class OidcEndpoints
{
    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/" + OidcPaths.Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        endpoints.MapPost("/" + OidcPaths.Token, ExchangeAsync);
        endpoints.MapMethods("/" + OidcPaths.EndSession, [HttpMethods.Get, HttpMethods.Post],
            // A route handler whose result is written, not a RequestDelegate (its only parameter is the HttpContext).
            (Delegate)EndSessionAsync);
        endpoints.MapSignInPage();
        endpoints.MapDeviceVerificationPage();
        return endpoints;
    }

    // GET /connect/authorize?response_type=code&client_id=…&redirect_uri=…&code_challenge=…&code_challenge_method=S256&scope=…&state=…
    // (OpenID Connect Core 1.0 §3.1.2.1; RFC 7636 §4.3). Without a sign-in session, to the sign-in page and back.
    private static async Task<IResult> AuthorizeAsync(HttpContext http, AccountStore accounts, IOptions<OidcOptions> options, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass an authorization request.");
        var account = await SignInSession.AccountAsync(http, accounts, cancellationToken);
        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }
            // Back to this very request after signing in (a POSTed request is replayed as a GET).
            var parameters = request.GetParameters()
                .Where(parameter => parameter.Key != Parameters.Prompt)
                .Select(parameter => KeyValuePair.Create(parameter.Key, (string?)parameter.Value.ToString()));
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [SignInPage.CookieScheme]);
        }
        var identity = TokenClaims.ForSignIn(account, request.GetScopes(), options.Value.Audience);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // POST /connect/token grant_type=authorization_code|refresh_token|client_credentials|device_code (RFC 6749 §4.1.3, §6, §4.4;
    // RFC 8628 §3.4). OpenIddict has checked the code, device code or refresh token (and rotated it); the account is read again so a disabled
    // account gets no new tokens and a renamed one gets its new name.
    private static async Task<IResult> ExchangeAsync(HttpContext http, AccountStore accounts, IOptions<OidcOptions> options, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass a token request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the confidential client; its token speaks for the service, not a person.
            var service = ServiceTokens.ForClient(request.ClientId!, options.Value.Audience);
            return Results.SignIn(new ClaimsPrincipal(service), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType() && !request.IsDeviceCodeGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the authorization code, device code, refresh token and client credentials grants are supported.");
        }
        var redeemed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = redeemed.Principal?.Identity is ClaimsIdentity identity && Guid.TryParse(identity.FindFirst(Claims.Subject)?.Value, out var id)
            ? await accounts.FindCredentialsByIdAsync(id, cancellationToken)
            : null;
        if (account is null || account.Disabled)
        {
            return Refuse(Errors.InvalidGrant, "The account is no longer allowed to sign in.");
        }
        var refreshed = TokenClaims.Refresh(new ClaimsIdentity(redeemed.Principal!.Claims,
            TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role), account);
        return Results.SignIn(new ClaimsPrincipal(refreshed), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // GET /connect/endsession?id_token_hint=…&client_id=…&post_logout_redirect_uri=…&state=… (OpenID Connect RP-Initiated
    // Logout 1.0 §2). OpenIddict has checked the post-logout URI against the client's registered ones (an unregistered one
    // never gets here: 400). The sign-in session ends, so the next sign-in on this device asks for the password again.
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(SignInPage.CookieScheme);
        // To the validated post_logout_redirect_uri (with state); without one, to the web app at the issuer's root.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
