using System.Net.Http.Headers;
using ChatCloud.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Xunit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>
/// A service as every ChatCloud service is set up (<c>AddServiceDefaults</c> + <c>AddChatCloudTokenTrust</c>),
/// on a real loopback port, with one endpoint per policy, one that names none, and the health endpoints.
/// </summary>
public sealed class ProtectedService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtectedService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ProtectedService> StartAsync(Dictionary<string, string?> configuration, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddChatCloudTokenTrust();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapGet("/user", (HttpContext http) => http.User.Identity!.Name).RequireAuthorization(ChatCloudPolicies.User);
        app.MapGet("/admin", () => "admin").RequireAuthorization(ChatCloudPolicies.Admin);
        app.MapGet("/service", () => "service").RequireAuthorization(ChatCloudPolicies.Service);
        app.MapGet("/unnamed", () => "any valid token");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ProtectedService(app, new Uri(address));
    }

    public static Dictionary<string, string?> Trusting(TestIssuer issuer, string provider = "Keycloak") => new(StringComparer.Ordinal)
    {
        ["Identity:Provider"] = provider,
        ["Identity:Authority"] = issuer.Authority.AbsoluteUri,
        ["Identity:Audience"] = "chatcloud",
        ["Identity:RequireHttpsMetadata"] = "false",
    };

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
