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
