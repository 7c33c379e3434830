using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Features;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ChatCloud.Recommendations.Ranking;

/// <summary>
/// Trains the ranker: gradient-boosted trees (ML.NET FastTree, binary objective) over
/// <see cref="CandidateFeatures"/>. Labels come from the training log itself: each user's latest new
/// items are hidden, features are computed from everything else, and the model learns to tell those items
/// from sampled ones. The returned model then re-indexes the whole training log to serve.
/// </summary>
public static class RankerTrainer
{
    public static RecommenderModel Train(InteractionLog log, RankerOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        if (FeatureRow.Width != CandidateFeatures.Count)
        {
            throw new InvalidOperationException("the feature row width and the feature list disagree");
        }
        var positives = LeaveOneOut.LatestNewItems(log, options.PositivesPerUser);
        var featureLog = log.Where(i => !(positives.TryGetValue(i.User, out var items) && items.Contains(i.Item)));
        if (positives.Count == 0)
        {
            throw new InvalidOperationException("no user has two items: nothing to learn from");
        }
        progress?.Report($"labelling: {positives.Count} users, {log.Interactions.Count} events");
        var labelIndex = new InteractionIndex(featureLog);
        var labelFeatures = new CandidateFeatures(labelIndex, new CoActivity(labelIndex, cancellationToken));
        var rows = BuildRows(log, labelFeatures, positives, options, cancellationToken);
        progress?.Report($"fitting {options.Trees} trees on {rows.Count} rows");

        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            LearningRate = options.LearningRate,
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
        });
        var transformer = trainer.Fit(data);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report("indexing the full log for serving");
        return RecommenderModel.Create(ml, transformer, log, cancellationToken);
    }

    private static List<FeatureRow> BuildRows(
        InteractionLog log, CandidateFeatures features, Dictionary<int, int[]> positives, RankerOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var used = new Dictionary<int, HashSet<int>>();
        foreach (var i in log.Interactions)
        {
            (used.TryGetValue(i.User, out var set) ? set : used[i.User] = []).Add(i.Item);
        }
        // Popularity-proportional draws: a cumulative table over the items' audiences.
        var index = features.Index;
        var cumulative = new double[index.ItemCount];
        var total = 0.0;
        for (var item = 0; item < index.ItemCount; item++)
        {
            total += index.ItemUsers[item].Length;
            cumulative[item] = total;
        }
        var rows = new List<FeatureRow>();
        foreach (var (user, positive) in positives.OrderBy(p => p.Key).SelectMany(p => p.Value.Select(item => (p.Key, item))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add(Row(features, user, positive, label: true));
            var mine = used[user];
            var uniform = options.Negatives == NegativeSampling.Uniform ? options.NegativesPerPositive : options.NegativesPerPositive / 2;
            foreach (var item in LeaveOneOut.SampleNegatives(mine, index.ItemCount, uniform, random))
            {
                rows.Add(Row(features, user, item, label: false));
            }
            for (var n = uniform; n < options.NegativesPerPositive && total > 0; n++)
            {
                var item = Array.BinarySearch(cumulative, random.NextDouble() * total);
                item = item < 0 ? ~item : item;
                if (item < index.ItemCount && !mine.Contains(item))
                {
                    rows.Add(Row(features, user, item, label: false));
                }
            }
        }
        return rows;
    }

    private static FeatureRow Row(CandidateFeatures features, int user, int item, bool label)
    {
        var vector = new float[FeatureRow.Width];
        features.Compute(user, item, vector);
        return new FeatureRow { Label = label, Features = vector };
    }
}
