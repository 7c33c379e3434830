namespace ChatCloud.Recommendations.Api;

/// <summary>Creates the service's tables before it answers (hosted services start in registration order, the consumers after it).</summary>
public sealed class SchemaInitializer(DismissalStore dismissals, SettingsStore settings, EventHistory.InteractionStore interactions,
    Models.ModelStore models) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await dismissals.EnsureSchemaAsync(cancellationToken);
        await settings.EnsureSchemaAsync(cancellationToken);
        await interactions.EnsureSchemaAsync(cancellationToken); // after settings: its insert reads them
        await models.EnsureSchemaAsync(cancellationToken); // before the retraining service, which starts after this one
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
