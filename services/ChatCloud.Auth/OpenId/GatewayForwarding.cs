using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// Browsers reach the sign-in pages and the code flow through the gateway (docs/security.md, "The
/// issuer's address"), whose YARP proxy adds X-Forwarded-For, -Proto and -Host. Auth believes them
/// from the gateway only — a loopback neighbour, as in ./run.sh and the container mode, where the
/// services run as processes on one host — so the sign-in cookie and redirects name the gateway's
/// address, and the per-address limits see the browser's address, not the gateway's. The same
/// headers from anyone else are ignored.
/// </summary>
public static class GatewayForwarding
{
    public static IServiceCollection AddGatewayForwarding(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            // One proxy: the gateway. A client's own X-Forwarded-For in front of it is not believed.
            options.ForwardLimit = 1;
        });
}
