using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Features;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ChatCloud.Recommendations.Ranking;

/// <summary>
/// Trains the ranker: gradient-boosted trees (ML.NET FastTree, binary objective) over
/// <see cref="CandidateFeatures"/>. Labels come from the training log itself: either each user's
/// latest new items are hidden (for leave-one-out), or the log is cut in time and the rooms first used
/// after the cut are the positives (for the time split and the service); features are computed from
/// what is left, and the model learns to tell the positives from sampled negatives. The returned model then re-indexes the whole training log to serve.
/// </summary>
public static class RankerTrainer
{
    public static RecommenderModel Train(InteractionLog log, RankerOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        if (log.Interactions.Count == 0)
        {
            throw new InvalidOperationException("the log is empty");
        }
        if (FeatureRow.Width != CandidateFeatures.Count)
        {
            throw new InvalidOperationException("the feature row width and the feature list disagree");
        }
        var (featureLog, positives) = Labels(log, options);
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
        ITransformer transformer = options.Objective == RankerObjective.LambdaRank
            ? ml.Transforms.Conversion.MapValueToKey(GroupKey, nameof(FeatureRow.Group))
                .Append(ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
                {
                    NumberOfTrees = options.Trees,
                    NumberOfLeaves = options.Leaves,
                    MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
                    LearningRate = options.LearningRate,
                    LabelColumnName = nameof(FeatureRow.Relevance),
                    FeatureColumnName = nameof(FeatureRow.Features),
                    RowGroupColumnName = GroupKey,
                    NumberOfThreads = options.Threads,
                }))
                .Fit(data)
            : ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
                LearningRate = options.LearningRate,
                LabelColumnName = nameof(FeatureRow.Label),
                FeatureColumnName = nameof(FeatureRow.Features),
                NumberOfThreads = options.Threads,
            }).Fit(data);
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
        var hardPools = new Dictionary<int, int[]>();
        uint group = 0;
        foreach (var (user, positive) in positives.OrderBy(p => p.Key).SelectMany(p => p.Value.Select(item => (p.Key, item))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            group++; // a positive and its negatives: one query for the ranking objective
            rows.Add(Row(features, user, positive, label: true, group));
            var mine = used[user];
            var n = options.NegativesPerPositive;
            var (uniform, popular) = options.Negatives == NegativeSampling.Uniform ? (n, 0) : (n / 4, n / 4);
            foreach (var item in LeaveOneOut.SampleNegatives(mine, index.ItemCount, uniform, random))
            {
                rows.Add(Row(features, user, item, label: false, group));
            }
            for (var draw = 0; draw < popular && total > 0; draw++)
            {
                var item = Array.BinarySearch(cumulative, random.NextDouble() * total);
                item = item < 0 ? ~item : item;
                if (item < index.ItemCount && !mine.Contains(item))
                {
                    rows.Add(Row(features, user, item, label: false, group));
                }
            }
            if (options.Negatives == NegativeSampling.Mixed)
            {
                // Hard negatives: the rooms item-kNN ranks high for this user, the ones a full ranking must beat.
                var pool = hardPools.TryGetValue(user, out var cached) ? cached : hardPools[user] = HardPool(features, user, mine);
                for (var draw = uniform + popular; draw < n && pool.Length > 0; draw++)
                {
                    rows.Add(Row(features, user, pool[random.Next(pool.Length)], label: false, group));
                }
            }
        }
        return rows;
    }

    /// <summary>Whether <paramref name="log"/> holds anything to learn from: a user that went on to a new item.</summary>
    public static bool CanTrain(InteractionLog log, RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        return log.Interactions.Count > 0 && Labels(log, options).Positives.Count > 0;
    }

    private static (InteractionLog FeatureLog, Dictionary<int, int[]> Positives) Labels(InteractionLog log, RankerOptions options) =>
        options.Labels == LabelSplit.LatestItems ? HideLatest(log, options) : SplitInTime(log, options);

    private const int HardPoolSize = 50;
    private const string GroupKey = "GroupKey";

    private static (InteractionLog, Dictionary<int, int[]>) HideLatest(InteractionLog log, RankerOptions options)
    {
        var positives = LeaveOneOut.LatestNewItems(log, options.PositivesPerUser);
        return (log.Where(i => !(positives.TryGetValue(i.User, out var items) && items.Contains(i.Item))), positives);
    }

    /// <summary>
    /// Features from the log before the last <see cref="RankerOptions.LabelWindow"/> of it; positives are
    /// the rooms users known by then went on to use for the first time inside the window: the same
    /// question the time-split evaluation and the service ask ("what will they join next?").
    /// </summary>
    private static (InteractionLog, Dictionary<int, int[]>) SplitInTime(InteractionLog log, RankerOptions options)
    {
        var first = log.Interactions[0].Timestamp;
        var last = log.Interactions[^1].Timestamp;
        var cut = last - (long)((last - first) * options.LabelWindow);
        var before = log.Where(i => i.Timestamp < cut, c => c.Timestamp < cut);
        var known = new Dictionary<int, HashSet<int>>();
        var seenItems = new HashSet<int>();
        foreach (var i in before.Interactions)
        {
            (known.TryGetValue(i.User, out var set) ? set : known[i.User] = []).Add(i.Item);
            seenItems.Add(i.Item);
        }
        var positives = new Dictionary<int, List<int>>();
        foreach (var i in log.Interactions.Where(i => i.Timestamp >= cut))
        {
            if (known.TryGetValue(i.User, out var mine) && !mine.Contains(i.Item) && seenItems.Contains(i.Item))
            {
                var list = positives.TryGetValue(i.User, out var found) ? found : positives[i.User] = [];
                if (list.Count < options.PositivesPerUser && !list.Contains(i.Item))
                {
                    list.Add(i.Item);
                }
            }
        }
        return (before, positives.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }

    private static int[] HardPool(CandidateFeatures features, int user, HashSet<int> used)
    {
        var index = features.Index;
        var history = index.UserItemList[user];
        return [.. index.KnownItems()
            .Where(item => !used.Contains(item))
            .Select(item => (item, score: history.Sum(known => features.CoActivity.ItemSimilarity(item, known))))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score).ThenBy(x => x.item)
            .Take(HardPoolSize)
            .Select(x => x.item)];
    }

    private static FeatureRow Row(CandidateFeatures features, int user, int item, bool label, uint group)
    {
        var vector = new float[FeatureRow.Width];
        features.Compute(user, item, vector);
        return new FeatureRow { Label = label, Relevance = label ? 1 : 0, Group = group, Features = vector };
    }
}
