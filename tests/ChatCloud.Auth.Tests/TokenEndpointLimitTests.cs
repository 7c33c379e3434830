using System.Net;
using ChatCloud.Auth.Abuse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class TokenEndpointLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private (RequestDelegate Pipeline, IServiceProvider Services) Pipeline()
    {
        var options = new AbuseOptions { TokenRequestsPerAddress = new() { Limit = 2, Window = TimeSpan.FromMinutes(1) } };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new AbuseGuard(new InMemoryAttemptStore(), Options.Create(options), _time))
            .BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseTokenEndpointLimit();
        app.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return (app.Build(), services);
    }

    private static DefaultHttpContext Request(IServiceProvider services, string method, string path, string address)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.Response.Body = new MemoryStream();
        return http;
    }

    [Fact]
    public async Task The_token_endpoint_answers_429_with_Retry_After_past_the_limit_per_address_and_nothing_else_is_limited()
    {
        var (pipeline, services) = Pipeline();
        async Task<HttpContext> SendAsync(string method, string path, string address)
        {
            var http = Request(services, method, path, address);
            await pipeline(http);
            return http;
        }

        Assert.Equal(200, (await SendAsync("POST", "/connect/token", "198.51.100.1")).Response.StatusCode);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(200, (await SendAsync("POST", "/connect/token", "198.51.100.1")).Response.StatusCode);
        var limited = await SendAsync("POST", "/connect/token", "198.51.100.1");
        var other = await SendAsync("POST", "/connect/token", "198.51.100.2");
        var elsewhere = await SendAsync("POST", "/credentials/verify", "198.51.100.1");

        Assert.Equal(429, limited.Response.StatusCode);
        Assert.Equal("40", limited.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", limited.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(200, other.Response.StatusCode);
        Assert.Equal(200, elsewhere.Response.StatusCode);
    }
}
