using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Workload;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// Where training data comes from. Today: <see cref="GeneratedInteractionSource"/>. Next (issue 7,
/// "Events"): a store filled by consumers of the joined/left/message-sent events on RabbitMQ, read here
/// as the same <see cref="InteractionLog"/>, so training, evaluation and serving do not change.
/// </summary>
public interface IInteractionSource
{
    string Description { get; }

    Task<InteractionLog> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The synthetic workload as a data source, so the whole train-evaluate-swap path runs before events exist.</summary>
public sealed class GeneratedInteractionSource(IOptions<RecommendationsOptions> options) : IInteractionSource
{
    public string Description => $"generated workload (seed {options.Value.WorkloadSeed})";

    public Task<InteractionLog> ReadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => WorkloadGenerator.Generate(new WorkloadOptions { Seed = options.Value.WorkloadSeed }), cancellationToken);
}
