using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Values_below_128_microseconds_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (long v = 0; v < 128; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(63, histogram.Percentile(50));
        Assert.Equal(126, histogram.Percentile(99));
        Assert.Equal(127, histogram.Percentile(100));
        Assert.Equal(0, histogram.Min);
        Assert.Equal(127, histogram.Max);
    }

    [Fact]
    public void Every_bucket_maps_back_to_itself_and_covers_its_values()
    {
        for (long v = 0; v < 10_000_000; v = v < 1000 ? v + 1 : v + (v / 97))
        {
            int index = LatencyHistogram.IndexOf(v);
            long top = LatencyHistogram.HighestEquivalent(index);
            Assert.InRange(top, v, v + Math.Max(0, v / 64));
            Assert.Equal(index, LatencyHistogram.IndexOf(top));
            Assert.Equal(index + 1, LatencyHistogram.IndexOf(top + 1));
        }
    }

    [Fact]
    public void Percentiles_are_within_one_sixty_fourth_above_the_exact_nearest_rank()
    {
        var random = new Random(1234);
        long[] values = [.. Enumerable.Range(0, 50_000).Select(_ => (long)(Math.Exp(random.NextDouble() * 14)))];
        var histogram = new LatencyHistogram();
        foreach (long v in values)
        {
            histogram.Record(v);
        }

        Array.Sort(values);
        foreach (double p in new[] { 1, 50, 90, 99, 99.9, 100 })
        {
            long exact = values[Percentiles.NearestRank(values.Length, p) - 1];
            Assert.InRange(histogram.Percentile(p), exact, exact + (exact / 64));
        }

        Assert.Equal(values[^1], histogram.Max);
        Assert.Equal(values.Average(), histogram.Mean, precision: 6);
    }

    [Fact]
    public void A_percentile_never_reports_more_than_the_maximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1000);

        Assert.Equal(1000, histogram.Percentile(99));
    }

    [Fact]
    public void Merging_equals_recording_everything_in_one()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        for (long v = 1; v < 5000; v += 7)
        {
            (v % 2 == 0 ? a : b).Record(v);
            all.Record(v);
        }

        a.Add(b);

        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.Min, a.Min);
        Assert.Equal(all.Max, a.Max);
        Assert.Equal(all.Percentile(99), a.Percentile(99));
        Assert.Equal(all.Percentile(50), a.Percentile(50));
    }

    [Fact]
    public void Out_of_range_values_are_clamped()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(0, histogram.Min);
        Assert.Equal(LatencyHistogram.MaxValue, histogram.Max);
    }

    [Fact]
    public void An_empty_histogram_reports_zero() => Assert.Equal(0, new LatencyHistogram().Percentile(99));
}
