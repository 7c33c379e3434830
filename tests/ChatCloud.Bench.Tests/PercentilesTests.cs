using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Tests;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(100, 50, 50)]
    [InlineData(100, 99, 99)]
    [InlineData(100, 99.9, 100)]
    [InlineData(100, 100, 100)]
    [InlineData(100, 0, 1)]
    [InlineData(1, 99, 1)]
    [InlineData(10, 50, 5)]
    [InlineData(10, 51, 6)]
    [InlineData(1000, 99.9, 999)]
    [InlineData(3, 50, 2)]
    public void Nearest_rank_is_the_smallest_rank_covering_the_percentage(long count, double percent, long rank) =>
        Assert.Equal(rank, Percentiles.NearestRank(count, percent));

    [Fact]
    public void Percentiles_of_sorted_values_are_measured_values()
    {
        double[] values = [.. Enumerable.Range(1, 100).Select(i => i * 1.5)];

        Assert.Equal(75, Percentiles.FromSorted(values, 50));
        Assert.Equal(148.5, Percentiles.FromSorted(values, 99));
        Assert.Equal(150, Percentiles.FromSorted(values, 100));
        Assert.Equal(1.5, Percentiles.FromSorted(values, 0));
    }

    [Fact]
    public void No_values_give_zero() => Assert.Equal(0, Percentiles.FromSorted([], 99));

    [Theory]
    [InlineData(-1)]
    [InlineData(100.01)]
    public void A_percentage_outside_0_to_100_is_refused(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(10, percent));
}
