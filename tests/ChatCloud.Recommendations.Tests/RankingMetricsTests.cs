using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Ranking;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>HR@k and NDCG@k with one relevant item, worked out by hand.</summary>
public sealed class RankingMetricsTests
{
    [Theory]
    [InlineData(0, 5, 1.0)]
    [InlineData(1, 5, 0.63092975357)] // 1 / log2(3)
    [InlineData(4, 5, 0.38685280723)] // 1 / log2(6), the last place inside the top 5
    [InlineData(5, 5, 0.0)]
    [InlineData(9, 10, 0.28906482631)] // 1 / log2(11)
    public void Ndcg_discounts_by_the_log_of_the_position(int rank, int k, double expected)
    {
        Assert.Equal(expected, RankingMetrics.Ndcg(rank, k), 9);
        Assert.Equal(rank < k ? 1.0 : 0.0, RankingMetrics.HitRate(rank, k));
    }

    [Fact]
    public void Rank_counts_higher_scores_and_half_the_ties()
    {
        Assert.Equal(0, RankingMetrics.RankOf(0.9f, [0.1f, 0.5f, 0.8f]));
        Assert.Equal(2, RankingMetrics.RankOf(0.5f, [0.9f, 0.6f, 0.1f]));
        // All ten others tied: the expected place under a fair coin is the middle, not the top.
        Assert.Equal(5, RankingMetrics.RankOf(1f, [1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f]));
    }

    [Fact]
    public void Measure_averages_over_the_held_out_cases()
    {
        // Scores are the item numbers, so an item's rank is the count of larger items among the others.
        var cases = new[]
        {
            new OfflineEvaluator.HeldOutCase(0, 9, [1, 2, 3]),     // rank 0: HR 1, NDCG 1
            new OfflineEvaluator.HeldOutCase(1, 2, [1, 3, 4]),     // rank 2: HR@5 1, NDCG 1/log2(4) = 0.5
            new OfflineEvaluator.HeldOutCase(2, 0, [1, 2, 3, 4, 5, 6]), // rank 6: outside the top 5
        };

        var result = OfflineEvaluator.Measure(new ItemNumberScorer(), cases, k: 5);

        Assert.Equal(2.0 / 3, result.HitRate, 9);
        Assert.Equal(1.5 / 3, result.Ndcg, 9);
    }

    private sealed class ItemNumberScorer : IItemScorer
    {
        public string Name => "item-number";

        public float[] Score(IReadOnlyList<Candidate> candidates) => [.. candidates.Select(c => (float)c.Item)];
    }
}
