using System.Diagnostics;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Features;
using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// One training run: choose and read the data (<see cref="TrainingDataSelector"/>), measure a model on
/// the time split (the figures stored with the version), train the serving model on the whole log. The
/// card it returns has version 0: <see cref="ModelStore"/> allocates the number when it saves the version.
/// Needs no database, so the data choice is tested on its own.
/// </summary>
public sealed class ModelTraining(TrainingDataSelector data, TimeProvider time)
{
    // Background training on one thread: slower, but it never takes both cores from serving and the other services.
    private static readonly RankerOptions Options = new() { Threads = 1 };

    /// <param name="fallBackOnFailure">
    /// When the event history passes the thresholds but still cannot be trained on (no account with two
    /// rooms, no held-out case for the time split), train on the generated workload instead. Asked for
    /// when no model is in use, so the service answers; with one in use, the failed run keeps it.
    /// </param>
    public async Task<ServingModel> TrainAsync(IProgress<string> progress, CancellationToken cancellationToken, bool fallBackOnFailure = false)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var chosen = await data.SelectAsync(progress, cancellationToken);
        try
        {
            return await TrainAsync(chosen, progress, cancellationToken);
        }
        catch (Exception e) when (fallBackOnFailure && chosen.Source == TrainingData.Events && e is not OperationCanceledException)
        {
            progress.Report($"the event history could not be trained on ({e.Message}); training on the {data.GeneratedDescription}");
            return await TrainAsync(await data.ReadAsync(TrainingData.Generated, cancellationToken), progress, cancellationToken);
        }
    }

    private Task<ServingModel> TrainAsync(TrainingData chosen, IProgress<string> progress, CancellationToken cancellationToken) => Task.Run(() =>
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
        var card = new ModelCard(0, time.GetUtcNow(), chosen.Description,
            log.Interactions.Count, log.UserCount, log.ItemCount, CandidateFeatures.SchemaVersion, stopwatch.Elapsed.TotalSeconds, evaluation, chosen.Source);
        return new ServingModel(model, card);
    }, cancellationToken);
}
