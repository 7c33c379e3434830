using Yarp.ReverseProxy.Configuration;

namespace ChatCloud.Gateway.Proxy;

/// <summary>
/// <c>/api/&lt;service&gt;/…</c> goes to that service, found by Aspire service discovery (<c>http://auth</c>).
/// The prefix is kept: each service maps its API under its own <c>/api/&lt;service&gt;</c> group.
/// </summary>
public static class ProxyRoutes
{
    private static readonly string[] ProxiedServices =
        [ResourceNames.Auth, ResourceNames.Messages, ResourceNames.History, ResourceNames.Recommendations, ResourceNames.Analytics];

    /// <summary>
    /// The OpenID Connect provider's own paths, at the root as the discovery document names them: the
    /// gateway's address is the issuer (docs/security.md, "The issuer's address"), so a browser signs
    /// in without ever talking to auth directly. Auth trusts the X-Forwarded-* headers YARP adds.
    /// </summary>
    private static readonly string[] SignInPaths = ["/connect/{**rest}", "/.well-known/{**rest}", "/signin", "/signin.css"];

    /// <summary>
    /// APIs a service maps outside its <c>/api/&lt;service&gt;</c> prefix, because its other callers
    /// (the edge, with a service token) use them too: the signed-in account's own pages in auth
    /// (<c>/account/…</c>: sessions, sign-out everywhere, password, app passwords, export), the
    /// administrators' account management (<c>/admin/…</c>, the admin policy; the web app's Accounts
    /// page) and direct conversations' history (<c>/conversations/…</c>, read as the token's own
    /// account). The web app reaches them under the service's prefix, which the gateway strips.
    /// </summary>
    private static readonly (string Service, string Path)[] PrefixedPaths =
        [(ResourceNames.Auth, "account"), (ResourceNames.Auth, "admin"), (ResourceNames.History, "conversations")];

    public static IReadOnlyList<RouteConfig> Routes { get; } = [.. ProxiedServices
        .Select(service => new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
        })
        .Concat(SignInPaths.Select((path, index) => new RouteConfig
        {
            RouteId = $"{ResourceNames.Auth}-signin-{index}",
            ClusterId = ResourceNames.Auth,
            Match = new RouteMatch { Path = path },
        }))
        .Concat(PrefixedPaths.Select(route => new RouteConfig
        {
            RouteId = $"{route.Service}-{route.Path}",
            ClusterId = route.Service,
            // More literal segments than /api/<service>/{**rest}, so YARP prefers this route.
            Match = new RouteMatch { Path = $"/api/{route.Service}/{route.Path}/{{**rest}}" },
            Transforms = [new Dictionary<string, string>(StringComparer.Ordinal) { ["PathPattern"] = $"/{route.Path}/{{**rest}}" }],
        }))];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } = ProxiedServices
        .Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        })
        .ToArray();
}
