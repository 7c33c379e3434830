using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChatCloud.Recommendations.Ranking;

/// <summary>A room suggestion with the short reason shown beside it.</summary>
public readonly record struct Suggestion(int Item, float Score, string Reason);

/// <summary>
/// A trained ranker together with the index of the log it serves from. Immutable once built, so one
/// instance is shared by every request and replaced whole when a new version is trained (<see cref="Models.ModelHolder"/>).
/// </summary>
public sealed partial class RecommenderModel : IItemScorer
{
    private readonly MLContext _ml;
    private readonly ITransformer _ranker;

    private RecommenderModel(MLContext ml, ITransformer ranker, CandidateFeatures features, CoActivity coActivity)
    {
        _ml = ml;
        _ranker = ranker;
        Features = features;
        CoActivity = coActivity;
    }

    public string Name => "model";
    public CandidateFeatures Features { get; }
    public CoActivity CoActivity { get; }
    public InteractionIndex Index => Features.Index;

    internal static RecommenderModel Create(MLContext ml, ITransformer ranker, InteractionLog log, CancellationToken cancellationToken)
    {
        var index = new InteractionIndex(log);
        var coActivity = new CoActivity(index, cancellationToken);
        return new RecommenderModel(ml, ranker, new CandidateFeatures(index, coActivity), coActivity);
    }

    /// <summary>Loads a ranker saved by <see cref="Save"/> (ML.NET's zip format) and indexes <paramref name="log"/> to serve from.</summary>
    public static RecommenderModel Load(Stream ranker, InteractionLog log, CancellationToken cancellationToken = default)
    {
        var ml = new MLContext();
        return Create(ml, ml.Model.Load(ranker, out _), log, cancellationToken);
    }

    /// <summary>Writes the ranker only: the index is rebuilt from the current log on load.</summary>
    public void Save(Stream ranker)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
        _ml.Model.Save(_ranker, schema, ranker);
    }

    public float[] Score(IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return [];
        }
        var rows = candidates.Select(c =>
        {
            var vector = new float[FeatureRow.Width];
            Features.Compute(c.User, c.Item, vector);
            return new FeatureRow { Features = vector };
        });
        var scored = _ranker.Transform(_ml.Data.LoadFromEnumerable(rows));
        return [.. scored.GetColumn<float>("Score")];
    }
}
