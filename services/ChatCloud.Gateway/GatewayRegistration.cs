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
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyRoutes.Routes, ProxyRoutes.Clusters)
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSingleton<ServiceStatusProbe>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.MapStatusApi();
        app.MapReverseProxy();
        app.MapWebApp();
        return app;
    }
}
