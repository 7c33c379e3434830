using System.Diagnostics;

namespace ChatCloud.Gateway.Status;

public sealed record ServiceStatus(string Name, string Status, long DurationMs);

public sealed record SuiteStatus(string Status, DateTimeOffset CheckedAt, IReadOnlyList<ServiceStatus> Services);

/// <summary>Asks every backend's readiness endpoint (<c>/health</c>) at once, each with a short deadline.</summary>
public sealed class ServiceStatusProbe(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    public async Task<SuiteStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(ResourceNames.BackendServices.Select(name => CheckOneAsync(name, cancellationToken)));
        var healthy = results.Count(r => r.Status == "Healthy");
        var overall = healthy == results.Length ? "Healthy" : healthy == 0 ? "Unhealthy" : "Degraded";
        return new SuiteStatus(overall, timeProvider.GetUtcNow(), results);
    }

    private async Task<ServiceStatus> CheckOneAsync(string name, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        string status;
        try
        {
            using var client = httpClientFactory.CreateClient(nameof(ServiceStatusProbe));
            using var response = await client.GetAsync(new Uri($"http://{name}/health"), deadline.Token);
            status = response.IsSuccessStatusCode ? "Healthy" : "Unhealthy";
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            status = "Unhealthy";
        }
        return new ServiceStatus(name, status, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
