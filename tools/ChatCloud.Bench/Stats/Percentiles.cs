namespace ChatCloud.Bench.Stats;

// One definition of a percentile for every figure the bench prints: nearest rank, the smallest value
// such that at least p % of the values are at or below it. p99 of 100 values is the 99th smallest; it
// is always a value that was measured, never an interpolation.
public static class Percentiles
{
    // 1-based rank of the p-th percentile among `count` sorted values.
    public static long NearestRank(long count, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        // The small epsilon keeps 99 % of 100 at rank 99 despite 0.99 * 100 = 98.99999999999999.
        long rank = (long)Math.Ceiling((percent / 100 * count) - 1e-9);
        return Math.Clamp(rank, 1, count);
    }

    public static double FromSorted(ReadOnlySpan<double> sorted, double percent) =>
        sorted.IsEmpty ? 0 : sorted[(int)NearestRank(sorted.Length, percent) - 1];
}
