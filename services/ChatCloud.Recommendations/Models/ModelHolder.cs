using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Models;

/// <summary>A model version ready to serve: the ranker with its index, and its card.</summary>
public sealed record ServingModel(RecommenderModel Model, ModelCard Card);

/// <summary>
/// The model in use. Requests read <see cref="Current"/> once and keep that instance for the whole
/// request; retraining builds a complete new one and swaps the reference, so no request ever sees half
/// of a model and none waits for training.
/// </summary>
public sealed class ModelHolder
{
    private ServingModel? _current;

    public ServingModel? Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="next"/> in use and returns the one it replaced.</summary>
    public ServingModel? Swap(ServingModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }
}
