namespace ChatCloud.Recommendations.Api;

/// <summary>Creates the service's tables before it answers (hosted services start in registration order, the consumers after it).</summary>
public sealed class SchemaInitializer(DismissalStore dismissals, SettingsStore settings, EventHistory.InteractionStore interactions) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await dismissals.EnsureSchemaAsync(cancellationToken);
        await settings.EnsureSchemaAsync(cancellationToken);
        await interactions.EnsureSchemaAsync(cancellationToken); // after settings: its insert reads them
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
