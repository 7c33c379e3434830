using System.Numerics;

namespace ChatCloud.Bench.Stats;

// A log-linear histogram of microseconds in the manner of HdrHistogram: values below 128 are exact,
// above that each power of two is split into 64 buckets, so a reported value is at most 1/64 (1.6 %)
// above the true one. Fixed size (8 KB), no allocation per value; one per connection, merged at the end.
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int ExactBelow = 2 * SubBuckets;
    private const int MaxShift = 30;

    // About 38 hours: anything longer is recorded as this.
    public const long MaxValue = (2L * SubBuckets << MaxShift) - 1;

    private readonly long[] _counts = new long[ExactBelow + (MaxShift * SubBuckets)];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    public void Record(long microseconds)
    {
        long value = Math.Clamp(microseconds, 0, MaxValue);
        _counts[IndexOf(value)]++;
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    // Nearest rank (see Percentiles): the smallest recorded value v with at least p % of values <= v,
    // reported as the top of its bucket but never above the true maximum.
    public long Percentile(double percent)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Percentiles.NearestRank(Count, percent);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    public static int IndexOf(long value)
    {
        if (value < ExactBelow)
        {
            return (int)value;
        }

        // shift >= 1 and value >> shift is in [64, 128).
        int shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - 6;
        long sub = value >> shift;
        return ExactBelow + ((shift - 1) * SubBuckets) + (int)(sub - SubBuckets);
    }

    public static long HighestEquivalent(int index)
    {
        if (index < ExactBelow)
        {
            return index;
        }

        int shift = ((index - ExactBelow) / SubBuckets) + 1;
        long sub = ((index - ExactBelow) % SubBuckets) + SubBuckets;
        return ((sub + 1) << shift) - 1;
    }
}
