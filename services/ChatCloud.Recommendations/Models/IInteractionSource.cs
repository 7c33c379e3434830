using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Workload;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// Where training data comes from: the event history (<see cref="EventHistory.EventInteractionSource"/>,
/// filled by the consumers of joins, messages and reads on RabbitMQ) or <see cref="GeneratedInteractionSource"/>,
/// both read as the same <see cref="InteractionLog"/>, so training, evaluation and serving do not change.
/// <see cref="TrainingDataSelector"/> chooses between them.
/// </summary>
public interface IInteractionSource
{
    string Description { get; }

    Task<InteractionLog> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The synthetic workload as a data source, so the whole train-evaluate-swap path runs before the event history holds enough.</summary>
public sealed class GeneratedInteractionSource(IOptions<RecommendationsOptions> options) : IInteractionSource
{
    public string Description => $"generated workload (seed {options.Value.WorkloadSeed})";

    public Task<InteractionLog> ReadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => WorkloadGenerator.Generate(new WorkloadOptions { Seed = options.Value.WorkloadSeed }), cancellationToken);
}
