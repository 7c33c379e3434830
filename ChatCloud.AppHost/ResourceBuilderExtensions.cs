using Aspire.Hosting.ApplicationModel;

namespace ChatCloud.AppHost;

internal static class ResourceBuilderExtensions
{
    /// <summary>Hands the resource's connection string to the service and starts the service only once the resource is healthy.</summary>
    public static IResourceBuilder<ProjectResource> Uses(this IResourceBuilder<ProjectResource> service, params IResourceBuilder<IResourceWithConnectionString>[] resources)
    {
        foreach (var resource in resources)
        {
            service.WithReference(resource).WaitFor(resource);
        }
        return service;
    }

    /// <summary>
    /// A fixed port people type into a browser. Not proxied: the service binds it itself and sees the
    /// client's real address (rate limits per IP need it).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicHttpEndpoint(this IResourceBuilder<ProjectResource> service, int port) =>
        service.WithEndpoint("http", endpoint =>
        {
            endpoint.Port = port;
            endpoint.TargetPort = port;
            endpoint.IsProxied = false;
        });

    /// <summary>The IRC listeners (plain and TLS) on fixed ports, bound by the edge itself so it sees client addresses.</summary>
    public static IResourceBuilder<ProjectResource> WithIrcEndpoints(this IResourceBuilder<ProjectResource> edge, ChatCloudHostSettings settings)
    {
        edge.WithEndpoint("irc", endpoint =>
        {
            endpoint.Port = settings.Ports.Irc;
            endpoint.TargetPort = settings.Ports.Irc;
            endpoint.UriScheme = "tcp";
            endpoint.IsProxied = false;
        });
        edge.WithEndpoint("ircs", endpoint =>
        {
            endpoint.Port = settings.Ports.IrcTls;
            endpoint.TargetPort = settings.Ports.IrcTls;
            endpoint.UriScheme = "tcp";
            endpoint.IsProxied = false;
        });
        edge.WithEnvironment("Irc__PlainPort", settings.Ports.Irc.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Irc__TlsPort", settings.Ports.IrcTls.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (edge.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            // A local run keeps its self-signed certificate with the rest of its state, so its
            // fingerprint stays the same across restarts; a deployment configures a real one.
            edge.WithEnvironment("Irc__Tls__CertificatePath", Path.Combine(settings.ResolveStateDirectory(), "tls", "irc.pfx"))
                .WithEnvironment("Irc__Tls__GenerateSelfSigned", "true");
        }
        return edge;
    }

    /// <summary>
    /// A local run serves web/dist straight from the source tree, so a rebuilt web app shows without
    /// rebuilding the gateway. A published gateway carries the built app in its own wwwroot.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithWebAppFromSource(this IResourceBuilder<ProjectResource> gateway, IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsRunMode
            ? gateway.WithEnvironment("WebApp__Root", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web", "dist")))
            : gateway;
}
