using System.Diagnostics;
using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Evaluation;

/// <summary>
/// The two offline protocols of issue 7. Both train the same model the service uses, on data the
/// held-out part never leaks into, and score the model, the popularity baseline and the random
/// baseline on exactly the same cases.
/// </summary>
public static class OfflineEvaluator
{
    /// <summary>The scorers every report holds, by name, in order.</summary>
    public static readonly string[] Scorers = ["model", "item-knn", "popularity", "random"];

    /// <summary>A case: the user, the item they went on to use, and what it competes with.</summary>
    public sealed record HeldOutCase(int User, int Target, int[] Others);

    /// <summary>
    /// Time split: train on the first <paramref name="trainShare"/> of the period; for each user known
    /// then, the target is the first room they used afterwards that was new to them (and existed
    /// before the cut), ranked against every other room that existed and they had not used.
    /// With <paramref name="allowNoCases"/>, a log where no user did that, or whose training part holds
    /// nothing to learn from (no user with two rooms before the cut), gives a report of no cases (every
    /// figure 0) instead of an error: the service's own event history can be like that (a quiet last
    /// fifth of the period, or a first four fifths of one-room accounts) and is still the data to serve from.
    /// </summary>
    public static EvaluationReport TimeSplit(
        InteractionLog log, int k = 5, double trainShare = 0.8, RankerOptions? options = null, IProgress<string>? progress = null,
        bool allowNoCases = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Interactions.Count == 0)
        {
            throw new InvalidOperationException("the log is empty");
        }
        var first = log.Interactions[0].Timestamp;
        var cut = first + (long)((log.Interactions[^1].Timestamp - first) * trainShare);
        var training = log.Where(i => i.Timestamp < cut, c => c.Timestamp < cut);
        options ??= new RankerOptions();
        if (allowNoCases && !RankerTrainer.CanTrain(training, options))
        {
            progress?.Report("the time split's training part has no user with two rooms: nothing to measure");
            return new EvaluationReport($"time-split ({trainShare:P0} train)", k, log.UserCount, log.ItemCount, log.Interactions.Count, 0, 0,
                [.. Scorers.Select(name => new ScorerResult(name, 0, 0))]);
        }
        var stopwatch = Stopwatch.StartNew();
        var model = RankerTrainer.Train(training, options, progress, cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var index = model.Index;
        var known = index.KnownItems().ToArray();
        var cases = new List<HeldOutCase>();
        var done = new HashSet<int>();
        foreach (var i in log.Interactions.Where(i => i.Timestamp >= cut))
        {
            if (done.Contains(i.User) || index.UserItemList[i.User].Length == 0 || index.Knows(i.User, i.Item) || index.ItemUsers[i.Item].Length == 0)
            {
                continue;
            }
            done.Add(i.User);
            cases.Add(new HeldOutCase(i.User, i.Item, [.. known.Where(o => o != i.Item && !index.Knows(i.User, o))]));
        }
        return Report($"time-split ({trainShare:P0} train)", k, log, cases, seconds, [model, new ItemKnnScorer(index, model.CoActivity), new PopularityScorer(index), new RandomScorer(7)], progress,
            allowNoCases);
    }

    /// <summary>Leave-one-out with 100 sampled negatives (<see cref="LeaveOneOut"/>).</summary>
    public static EvaluationReport LeaveOneOutSampled(
        InteractionLog log, int k = 10, RankerOptions? options = null, int seed = 11, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var (training, heldOut) = LeaveOneOut.Split(log);
        var stopwatch = Stopwatch.StartNew();
        var model = RankerTrainer.Train(training, options ?? new RankerOptions { Negatives = NegativeSampling.Uniform, Labels = LabelSplit.LatestItems }, progress, cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var used = new Dictionary<int, HashSet<int>>();
        foreach (var i in log.Interactions)
        {
            (used.TryGetValue(i.User, out var set) ? set : used[i.User] = []).Add(i.Item);
        }
        var random = new Random(seed);
        var cases = heldOut.OrderBy(p => p.Key)
            .Select(p => new HeldOutCase(p.Key, p.Value, LeaveOneOut.SampleNegatives(used[p.Key], log.ItemCount, LeaveOneOut.SampledNegatives, random)))
            .ToList();
        return Report("leave-one-out, 100 sampled negatives", k, log, cases, seconds, [model, new ItemKnnScorer(model.Index, model.CoActivity), new PopularityScorer(model.Index), new RandomScorer(7)], progress);
    }

    public static ScorerResult Measure(IItemScorer scorer, IReadOnlyList<HeldOutCase> cases, int k)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(cases);
        var candidates = new List<Candidate>();
        foreach (var c in cases)
        {
            candidates.Add(new Candidate(c.User, c.Target));
            candidates.AddRange(c.Others.Select(o => new Candidate(c.User, o)));
        }
        var scores = scorer.Score(candidates);
        double hits = 0, ndcg = 0;
        var offset = 0;
        foreach (var c in cases)
        {
            var rank = RankingMetrics.RankOf(scores[offset], scores.AsSpan(offset + 1, c.Others.Length));
            hits += RankingMetrics.HitRate(rank, k);
            ndcg += RankingMetrics.Ndcg(rank, k);
            offset += 1 + c.Others.Length;
        }
        return cases.Count == 0 ? new ScorerResult(scorer.Name, 0, 0) : new ScorerResult(scorer.Name, hits / cases.Count, ndcg / cases.Count);
    }

    private static EvaluationReport Report(
        string protocol, int k, InteractionLog log, List<HeldOutCase> cases, double seconds, IItemScorer[] scorers, IProgress<string>? progress,
        bool allowNoCases = false)
    {
        if (cases.Count == 0 && !allowNoCases)
        {
            throw new InvalidOperationException("no held-out cases: the log is too small or too short for this protocol");
        }
        progress?.Report($"scoring {cases.Count} held-out cases");
        var results = scorers.Select(s => Measure(s, cases, k)).ToList();
        return new EvaluationReport(protocol, k, log.UserCount, log.ItemCount, log.Interactions.Count, cases.Count, seconds, results);
    }
}
