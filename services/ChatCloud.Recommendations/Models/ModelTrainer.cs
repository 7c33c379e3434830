using System.Diagnostics;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Features;
using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// One training run of the service: choose and read the data (<see cref="TrainingDataSelector"/>),
/// measure a model on the time split (the figures stored with the version), train the serving model on
/// the whole log, save it as the next version with its card naming the data.
/// </summary>
public sealed class ModelTrainer(TrainingDataSelector data, ModelStore store, TimeProvider time)
{
    // Background training on one thread: slower, but it never takes both cores from serving and the other services.
    private static readonly RankerOptions Options = new() { Threads = 1 };

    /// <param name="fallBackOnFailure">
    /// When the event history passes the thresholds but still cannot be trained on (no account with two
    /// rooms, no held-out case for the time split), train on the generated workload instead. Asked for
    /// when no model is in use, so the service answers; with one in use, the failed run keeps it.
    /// </param>
    public async Task<ServingModel> TrainAsync(int keepVersions, IProgress<string> progress, CancellationToken cancellationToken, bool fallBackOnFailure = false)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var chosen = await data.SelectAsync(progress, cancellationToken);
        try
        {
            return await TrainAsync(chosen, keepVersions, progress, cancellationToken);
        }
        catch (Exception e) when (fallBackOnFailure && chosen.Source == TrainingData.Events && e is not OperationCanceledException)
        {
            progress.Report($"the event history could not be trained on ({e.Message}); training on the {data.GeneratedDescription}");
            return await TrainAsync(await data.ReadAsync(TrainingData.Generated, cancellationToken), keepVersions, progress, cancellationToken);
        }
    }

    private Task<ServingModel> TrainAsync(TrainingData chosen, int keepVersions, IProgress<string> progress, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var log = chosen.Log;
        progress.Report($"evaluating on the time split: {log.Interactions.Count} events");
        // The event history may hold no held-out case (nobody took up a new room late in the period); it is trained on all the same, its card saying so.
        var evaluation = OfflineEvaluator.TimeSplit(log, k: 5, options: Options, progress: progress, cancellationToken: cancellationToken,
            allowNoCases: chosen.Source == TrainingData.Events);
        if (evaluation.Cases == 0)
        {
            progress.Report("the time split found no held-out case: this version has no offline figures (all 0, 0 cases)");
        }
        progress.Report($"HR@5 {evaluation["model"].HitRate:F3} (popularity {evaluation["popularity"].HitRate:F3}); training on the whole log");
        var stopwatch = Stopwatch.StartNew();
        var model = RankerTrainer.Train(log, Options, progress, cancellationToken);
        var card = new ModelCard(store.NextVersion(), time.GetUtcNow(), chosen.Description,
            log.Interactions.Count, log.UserCount, log.ItemCount, CandidateFeatures.SchemaVersion, stopwatch.Elapsed.TotalSeconds, evaluation, chosen.Source);
        store.Save(model, card, keepVersions);
        progress.Report($"saved version {card.Version}");
        return new ServingModel(model, card);
    }, cancellationToken);

    /// <summary>
    /// The newest stored version, re-indexed on the current log of the source it was trained on; null
    /// when there is none or it is of an older feature schema.
    /// </summary>
    public async Task<ServingModel?> LoadLatestAsync(CancellationToken cancellationToken)
    {
        if (store.List().FirstOrDefault(c => c.FeatureSchema == CandidateFeatures.SchemaVersion) is not { } card)
        {
            return null;
        }
        var log = (await data.ReadAsync(card.Source, cancellationToken)).Log;
        if (log.Interactions.Count == 0)
        {
            throw new InvalidOperationException($"the {card.Source} data version {card.Version} was trained on is empty now");
        }
        return await Task.Run(() => new ServingModel(RecommenderModel.Load(store.RankerPath(card.Version), log, cancellationToken), card), cancellationToken);
    }
}
