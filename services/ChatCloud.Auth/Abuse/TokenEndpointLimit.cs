using ChatCloud.Auth.OpenId;

namespace ChatCloud.Auth.Abuse;

/// <summary>
/// The token endpoint's per-address limit. OpenIddict handles <c>/connect/token</c> inside the
/// authentication middleware, before any endpoint filter, so the limit is a middleware placed ahead
/// of <c>UseAuthentication</c>.
/// </summary>
public static class TokenEndpointLimit
{
    public static IApplicationBuilder UseTokenEndpointLimit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/" + OidcPaths.Token, StringComparison.OrdinalIgnoreCase))
            {
                var guard = http.RequestServices.GetRequiredService<AbuseGuard>();
                var decision = await guard.TryTokenRequestAsync(TooManyRequests.RemoteAddress(http));
                if (!decision.Allowed)
                {
                    await TooManyRequests.Problem(http, decision.RetryAfter).ExecuteAsync(http);
                    return;
                }
            }
            await next(http);
        });
}
