using System.Security.Claims;
using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Credentials;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// <c>GET/POST /signin</c>: the provider's own sign-in page, server-rendered (no script at all),
/// CSRF-protected by an antiforgery token. A right password opens a sign-in session (a cookie of
/// the auth service only) and returns to the authorization request that sent the user here.
/// </summary>
public static class SignInPage
{
    public const string Path = "/signin";
    public const string CookieScheme = "ChatCloud.SignIn";
    public const string AntiforgeryField = "__RequestVerificationToken";
    public const string WrongCredentials = "The account name or password is not right.";
    public const string TooManyAttempts = "Too many failed sign-ins from this address; wait a few minutes and try again.";

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Show);
        endpoints.MapPost(Path, SubmitAsync);
        endpoints.MapGet(SignInHtml.StylesheetPath, () => Results.Text(SignInHtml.Stylesheet, "text/css; charset=utf-8"));
        return endpoints;
    }

    private static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page(http, antiforgery, SafeReturnUrl(returnUrl), name: null, error: null, StatusCodes.Status200OK);

    private static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, PasswordSignIn passwords, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired.",
                detail: "Reload the sign-in page and try again.");
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var name = form["name"].ToString();
        var attempt = await passwords.VerifyAsync(name, form["password"], TooManyRequests.RemoteAddress(http), SignInChannel.Web, cancellationToken);
        if (attempt.RetryAfter is { } retryAfter)
        {
            TooManyRequests.SetRetryAfter(http.Response, retryAfter);
            return Page(http, antiforgery, returnUrl, name, TooManyAttempts, StatusCodes.Status429TooManyRequests);
        }
        if (attempt.Account is not { } account)
        {
            // Same words whether the name exists or not (issue 4: nothing tells an attacker which names exist).
            return Page(http, antiforgery, returnUrl, name, WrongCredentials, StatusCodes.Status200OK);
        }
        var identity = new ClaimsIdentity(CookieScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.Id.ToString()));
        identity.AddClaim(new Claim(Claims.Name, account.Name));
        await http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? name, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        ApplyPageHeaders(http.Response);
        return Results.Content(SignInHtml.Render(returnUrl, name, error, tokens.RequestToken!), "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>
    /// No script, no frames (clickjacking a password form), nothing cached. No form-action: browsers
    /// apply it to the redirect chain that ends at the client's redirect URI.
    /// </summary>
    public static void ApplyPageHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>Only our own authorization and device verification endpoints; anything else would make this page an open redirector.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null
        && (returnUrl.StartsWith("/" + OidcPaths.Authorize, StringComparison.Ordinal) || returnUrl.StartsWith("/" + OidcPaths.Verify, StringComparison.Ordinal))
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : "/" + OidcPaths.Authorize;
}
