namespace ChatCloud.Recommendations.Api;

/// <summary>Creates the service's tables before it answers.</summary>
public sealed class SchemaInitializer(DismissalStore dismissals) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => dismissals.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
