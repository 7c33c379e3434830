using ChatCloud.Gateway.Edge;
using ChatCloud.Gateway.Proxy;
using ChatCloud.Gateway.Status;
using ChatCloud.Gateway.WebApp;

namespace ChatCloud.Gateway;

public static class GatewayRegistration
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebAppOptions>()
            .BindConfiguration(WebAppOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<EdgeLimitsOptions>()
            .BindConfiguration(EdgeLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var limits = builder.Configuration.GetSection(EdgeLimitsOptions.SectionName).Get<EdgeLimitsOptions>() ?? new EdgeLimitsOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A body over the limit is refused with 413 before it reaches a service (RequestBodyLimit
            // answers on the declared length; this cuts off a chunked one as it is read).
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersBytes;
        });
        // Brotli or gzip for the app's files and the APIs' JSON and problems (browsers cache the hashed
        // assets for a year, so each is compressed for a client once).
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes,
                "application/problem+json", "image/svg+xml", "application/manifest+json"];
        });
        builder.Services.AddEdgeRateLimiting();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyRoutes.Routes, ProxyRoutes.Clusters)
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSingleton<ServiceStatusProbe>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        app.UseRequestBodyLimit();
        app.UseResponseCompression();
        app.MapStatusApi();
        app.MapReverseProxy();
        app.MapWebApp();
        return app;
    }
}
