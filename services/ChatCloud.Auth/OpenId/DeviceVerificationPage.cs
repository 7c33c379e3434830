using System.Security.Claims;
using ChatCloud.Auth.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// <c>GET/POST /connect/verify</c>: the end-user verification page of the device authorization grant
/// (RFC 8628 §3.3), for the terminal client. The user, signed in on the provider's own page, enters
/// (or follows a link with) the code the terminal shows, sees which client asks, and allows or refuses
/// it. OpenIddict has checked the request; the code itself is checked here through its principal.
/// </summary>
public static class DeviceVerificationPage
{
    public const string InvalidCode = "That code is not valid or has expired; start again in your terminal.";

    public static IEndpointRouteBuilder MapDeviceVerificationPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + OidcPaths.Verify, ShowAsync);
        endpoints.MapPost("/" + OidcPaths.Verify, DecideAsync);
        return endpoints;
    }

    // GET /connect/verify[?user_code=…]: the code form, or the question "allow this client?".
    private static async Task<IResult> ShowAsync(HttpContext http, IAntiforgery antiforgery, AccountStore accounts, string? done, CancellationToken cancellationToken)
    {
        if (done is not null)
        {
            return Page(http, "ChatCloud", done == "allowed"
                ? "<p>Signed in. You can close this page and return to your terminal.</p>"
                : "<p>The sign-in was refused; the terminal gets no access.</p>");
        }
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass a verification request.");
        if (await SignInSession.AccountAsync(http, accounts, cancellationToken) is null)
        {
            return SignInSession.Challenge(http);
        }
        if (string.IsNullOrEmpty(request.UserCode))
        {
            return CodeForm(http, antiforgery, error: null);
        }
        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!code.Succeeded || code.Principal.GetClaim(Claims.ClientId) is not { } clientId)
        {
            return CodeForm(http, antiforgery, InvalidCode);
        }
        var html = System.Text.Encodings.Web.HtmlEncoder.Default;
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        return Page(http, "Allow the sign-in?", $"""
            <p><strong>{html.Encode(clientId)}</strong> asks to sign in to your account. Allow it only if you started it and
            your terminal shows the code <strong>{html.Encode(request.UserCode)}</strong>.</p>
            <form method="post" action="/{OidcPaths.Verify}">
            <input type="hidden" name="{SignInPage.AntiforgeryField}" value="{html.Encode(token)}">
            <input type="hidden" name="user_code" value="{html.Encode(request.UserCode)}">
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny">Refuse</button>
            </form>
            """);
    }

    // POST /connect/verify user_code=…&decision=allow|deny: OpenIddict ties the account to the device
    // code (sign-in) or marks it refused (forbid); the terminal's next poll gets tokens or access_denied.
    private static async Task<IResult> DecideAsync(HttpContext http, IAntiforgery antiforgery, AccountStore accounts, IOptions<OidcOptions> options, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired.", detail: "Reload the page and try again.");
        }
        if (await SignInSession.AccountAsync(http, accounts, cancellationToken) is not { } account)
        {
            return SignInSession.Challenge(http);
        }
        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!code.Succeeded)
        {
            return CodeForm(http, antiforgery, InvalidCode);
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form["decision"] != "allow")
        {
            return Results.Forbid(new AuthenticationProperties { RedirectUri = $"/{OidcPaths.Verify}?done=denied" },
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var identity = TokenClaims.ForSignIn(account, code.Principal.GetScopes(), options.Value.Audience);
        return Results.SignIn(new ClaimsPrincipal(identity), new AuthenticationProperties { RedirectUri = $"/{OidcPaths.Verify}?done=allowed" },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult CodeForm(HttpContext http, IAntiforgery antiforgery, string? error)
    {
        var html = System.Text.Encodings.Web.HtmlEncoder.Default;
        var errorBlock = error is null ? "" : $"""<p class="error" role="alert">{html.Encode(error)}</p>""";
        return Page(http, "Sign in a terminal", $"""
            {errorBlock}
            <form method="get" action="/{OidcPaths.Verify}">
            <label>The code your terminal shows <input name="user_code" autocomplete="off" required></label>
            <button type="submit">Next</button>
            </form>
            """);
    }

    private static IResult Page(HttpContext http, string title, string body)
    {
        SignInPage.ApplyPageHeaders(http.Response);
        var encoded = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(title);
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{encoded}</title>
            <link rel="stylesheet" href="{SignInHtml.StylesheetPath}">
            </head>
            <body>
            <main>
            <h1>{encoded}</h1>
            {body}
            </main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
