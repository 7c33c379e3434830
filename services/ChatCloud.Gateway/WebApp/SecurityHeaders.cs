using Microsoft.Extensions.Options;

namespace ChatCloud.Gateway.WebApp;

public static class SecurityHeaders
{
    /// <summary>
    /// No inline scripts or styles: Vite emits files only. connect-src allows the realtime WebSocket on
    /// the same host and, in Keycloak mode, the realm's origin (the app fetches its discovery document
    /// and token endpoint).
    /// </summary>
    public static string ContentSecurityPolicyFor(Uri? signInAuthority) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self' ws: wss:{(signInAuthority is null ? "" : " " + signInAuthority.GetLeftPart(UriPartial.Authority))}; " +
        "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var contentSecurityPolicy = ContentSecurityPolicyFor(app.ApplicationServices.GetRequiredService<IOptions<WebAppOptions>>().Value.SignInAuthority);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }
            await next(context);
        });
    }
}
