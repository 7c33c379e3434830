using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Models;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations.EventHistory;

/// <summary>
/// The event history as training data (issue 7: "trained … on the event history"): the interactions of
/// the last <see cref="RecommendationsOptions.InteractionRetention"/>, as visits (<see cref="EventLogBuilder"/>).
/// Reading for training first deletes what fell out of that window, so the retention is enforced by the
/// job that depends on it, every run.
/// </summary>
public sealed partial class EventInteractionSource(
    InteractionStore store, IOptions<RecommendationsOptions> options, TimeProvider time, ILogger<EventInteractionSource> logger) : IInteractionSource
{
    public string Description => $"event history (last {options.Value.InteractionRetention.TotalDays:0} days)";

    public async Task<InteractionLog> ReadAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.InteractionRetention;
        var pruned = await store.PruneAsync(since, cancellationToken);
        if (pruned > 0)
        {
            LogPruned(pruned, since);
        }
        var builder = new EventLogBuilder();
        await store.ReadAsync(since, builder, cancellationToken);
        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} interactions from before {Since:u} (the retention window)")]
    private partial void LogPruned(int count, DateTimeOffset since);
}
