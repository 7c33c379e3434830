using ChatCloud.Recommendations.Features;

namespace ChatCloud.Recommendations.Ranking;

/// <summary>The popularity baseline of issue 7: an item's number of distinct users before the cut-off, the same for everyone.</summary>
public sealed class PopularityScorer(InteractionIndex index) : IItemScorer
{
    public string Name => "popularity";

    public float[] Score(IReadOnlyList<Candidate> candidates) =>
        [.. candidates.Select(c => (float)index.ItemUsers[c.Item].Length)];
}

/// <summary>The random baseline: what a model that learned nothing scores, seeded so runs repeat.</summary>
public sealed class RandomScorer(int seed) : IItemScorer
{
    public string Name => "random";

    public float[] Score(IReadOnlyList<Candidate> candidates)
    {
        var random = new Random(seed);
        return [.. candidates.Select(_ => random.NextSingle())];
    }
}

/// <summary>
/// Item-kNN alone (the sum of the candidate's similarity to the user's items): the strongest single
/// feature, reported so the figures show what the learned ranker adds on top of it.
/// </summary>
public sealed class ItemKnnScorer(InteractionIndex index, CoActivity coActivity) : IItemScorer
{
    public string Name => "item-knn";

    public float[] Score(IReadOnlyList<Candidate> candidates) =>
        [.. candidates.Select(c => c.User < index.UserCount
            ? index.UserItemList[c.User].Sum(known => coActivity.ItemSimilarity(c.Item, known))
            : 0f)];
}
