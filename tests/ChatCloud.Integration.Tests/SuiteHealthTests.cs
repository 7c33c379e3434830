using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using System.Net;
using ChatCloud.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(ChatCloudSuite))]

namespace ChatCloud.Integration.Tests;

/// <summary>The suite boots on the real servers and every part of it answers.</summary>
public sealed class SuiteHealthTests(ChatCloudSuite suite)
{
    public static TheoryData<string> Services => new(ResourceNames.BackendServices.Append(ResourceNames.Gateway));

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_reports_healthy_on_its_own_health_endpoint(string service)
    {
        using var client = suite.App.CreateHttpClient(service, "http");

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Deadlines.Request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Gateway_serves_the_web_app_on_its_fixed_port()
    {
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Deadlines.Request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>ChatCloud", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Gateway_routes_client_side_paths_to_the_app_and_unknown_apis_to_a_problem()
    {
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        using var page = await client.GetAsync(new Uri("/rooms/general", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Deadlines.Request, TestContext.Current.CancellationToken);
        using var api = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Deadlines.Request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Gateway_status_api_reports_every_backend_healthy()
    {
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        var status = await client.GetFromJsonAsync<StatusDocument>(new Uri("/api/status", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Deadlines.Request, TestContext.Current.CancellationToken);

        Assert.NotNull(status);
        Assert.Equal("Healthy", status.Status);
        Assert.Equal(ResourceNames.BackendServices, status.Services.Select(s => s.Name));
        Assert.All(status.Services, s => Assert.Equal("Healthy", s.Status));
    }

    private sealed record StatusDocument(string Status, DateTimeOffset CheckedAt, IReadOnlyList<ServiceEntry> Services);

    private sealed record ServiceEntry(string Name, string Status, long DurationMs);
}
