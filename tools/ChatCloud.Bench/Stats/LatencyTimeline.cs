using System.Diagnostics;

namespace ChatCloud.Bench.Stats;

// Latency by the second a message was sent, counted from the step's start. A stall shows as the few
// seconds whose maximum jumps; a queue that grows raises every second's mean. Fixed size, no
// allocation per value; messages sent after the last slot's second count in the last slot.
public sealed class LatencyTimeline
{
    public const int Slots = 120;

    private readonly long[] _counts = new long[Slots];
    private readonly double[] _sums = new double[Slots];
    private readonly long[] _max = new long[Slots];

    public void Record(long origin, long sentTimestamp, long microseconds)
    {
        int second = (int)Math.Clamp((sentTimestamp - origin) / Stopwatch.Frequency, 0, Slots - 1);
        _counts[second]++;
        _sums[second] += microseconds;
        _max[second] = Math.Max(_max[second], microseconds);
    }

    public void Add(LatencyTimeline other)
    {
        for (int i = 0; i < Slots; i++)
        {
            _counts[i] += other._counts[i];
            _sums[i] += other._sums[i];
            _max[i] = Math.Max(_max[i], other._max[i]);
        }
    }

    // Every second up to the last one with a delivery; a second with none in between reads 0.
    public IReadOnlyList<SecondLatency> Seconds()
    {
        int last = Array.FindLastIndex(_counts, count => count > 0);
        return [.. Enumerable.Range(0, last + 1).Select(i => new SecondLatency(
            i, _counts[i], _counts[i] == 0 ? 0 : _sums[i] / _counts[i] / 1000, _max[i] / 1000.0))];
    }
}

// Deliveries of the messages sent in one second of a step, and their mean and largest latency.
public sealed record SecondLatency(int Second, long Deliveries, double MeanMs, double MaxMs);
