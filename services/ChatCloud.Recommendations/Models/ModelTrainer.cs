using ChatCloud.Recommendations.Features;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// One training run of the service (<see cref="ModelTraining"/>) saved as the next version in the
/// <see cref="ModelStore"/>, and the newest stored version loaded back at start-up.
/// </summary>
public sealed class ModelTrainer(TrainingDataSelector data, ModelStore store, TimeProvider time)
{
    private readonly ModelTraining _training = new(data, time);

    /// <param name="fallBackOnFailure">See <see cref="ModelTraining.TrainAsync"/>.</param>
    public async Task<ServingModel> TrainAsync(int keepVersions, IProgress<string> progress, CancellationToken cancellationToken, bool fallBackOnFailure = false)
    {
        var trained = await _training.TrainAsync(progress, cancellationToken, fallBackOnFailure);
        var card = await store.SaveAsync(trained.Model, trained.Card, keepVersions, cancellationToken);
        progress.Report($"saved version {card.Version}");
        return trained with { Card = card };
    }

    /// <summary>
    /// The newest stored version, re-indexed on the current log of the source it was trained on; null
    /// when there is none or it is of an older feature schema.
    /// </summary>
    public async Task<ServingModel?> LoadLatestAsync(CancellationToken cancellationToken)
    {
        if ((await store.ListAsync(cancellationToken)).FirstOrDefault(c => c.FeatureSchema == CandidateFeatures.SchemaVersion) is not { } card)
        {
            return null;
        }
        var log = (await data.ReadAsync(card.Source, cancellationToken)).Log;
        if (log.Interactions.Count == 0)
        {
            throw new InvalidOperationException($"the {card.Source} data version {card.Version} was trained on is empty now");
        }
        return new ServingModel(await store.LoadAsync(card.Version, log, cancellationToken), card);
    }
}
