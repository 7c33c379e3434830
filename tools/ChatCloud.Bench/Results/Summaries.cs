using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Results;

public static class Summaries
{
    public static LatencySummary FromHistogram(LatencyHistogram microseconds)
    {
        static double Ms(long us) => us / 1000.0;
        return microseconds.Count == 0
            ? new LatencySummary(0, 0, 0, 0, 0, 0, 0)
            : new LatencySummary(
                microseconds.Count,
                Ms(microseconds.Percentile(50)),
                Ms(microseconds.Percentile(90)),
                Ms(microseconds.Percentile(99)),
                Ms(microseconds.Percentile(99.9)),
                Ms(microseconds.Max),
                microseconds.Mean / 1000.0);
    }

    // Exact, for the few thousand registration times of a connect run.
    public static LatencySummary FromMilliseconds(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0, 0, 0)
            : new LatencySummary(
                sorted.Length,
                Percentiles.FromSorted(sorted, 50),
                Percentiles.FromSorted(sorted, 90),
                Percentiles.FromSorted(sorted, 99),
                Percentiles.FromSorted(sorted, 99.9),
                sorted[^1],
                sorted.Average());
    }
}
