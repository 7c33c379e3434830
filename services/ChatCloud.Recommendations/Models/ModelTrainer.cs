using System.Diagnostics;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Features;
using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// One training run of the service: read the log, measure a model on the time split (the figures
/// stored with the version), train the serving model on the whole log, save it as the next version.
/// </summary>
public sealed class ModelTrainer(IInteractionSource source, ModelStore store, TimeProvider time)
{
    // Background training on one thread: slower, but it never takes both cores from serving and the other services.
    private static readonly RankerOptions Options = new() { Threads = 1 };

    public async Task<ServingModel> TrainAsync(int keepVersions, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        progress.Report($"reading {source.Description}");
        var log = await source.ReadAsync(cancellationToken);
        return await Task.Run(() =>
        {
            progress.Report($"evaluating on the time split: {log.Interactions.Count} events");
            var evaluation = OfflineEvaluator.TimeSplit(log, k: 5, options: Options, progress: progress, cancellationToken: cancellationToken);
            progress.Report($"HR@5 {evaluation["model"].HitRate:F3} (popularity {evaluation["popularity"].HitRate:F3}); training on the whole log");
            var stopwatch = Stopwatch.StartNew();
            var model = RankerTrainer.Train(log, Options, progress, cancellationToken);
            var card = new ModelCard(store.NextVersion(), time.GetUtcNow(), source.Description,
                log.Interactions.Count, log.UserCount, log.ItemCount, CandidateFeatures.SchemaVersion, stopwatch.Elapsed.TotalSeconds, evaluation);
            store.Save(model, card, keepVersions);
            progress.Report($"saved version {card.Version}");
            return new ServingModel(model, card);
        }, cancellationToken);
    }

    /// <summary>The newest stored version, re-indexed on the current log; null when there is none or it is of an older feature schema.</summary>
    public async Task<ServingModel?> LoadLatestAsync(CancellationToken cancellationToken)
    {
        if (store.List().FirstOrDefault(c => c.FeatureSchema == CandidateFeatures.SchemaVersion) is not { } card)
        {
            return null;
        }
        var log = await source.ReadAsync(cancellationToken);
        return await Task.Run(() => new ServingModel(RecommenderModel.Load(store.RankerPath(card.Version), log, cancellationToken), card), cancellationToken);
    }
}
