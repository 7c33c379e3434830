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

    public static IReadOnlyList<RouteConfig> Routes { get; } = ProxiedServices
        .Select(service => new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
        })
        .ToArray();

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
