using System.Diagnostics;

namespace ChatCloud.Bench.Stats;

// One receiver's view of one measured step. Written only by that connection's read loop, under the
// connection's stats lock; the step hands it over to the merge after the drain (BenchClient.SwapStats).
public sealed class ReceiveStats(int step, int senders, long capacityPerSender)
{
    public int Step { get; } = step;

    public LatencyHistogram Latency { get; } = new();

    public LatencyTimeline Timeline { get; } = new();

    // The step's start (a Stopwatch timestamp), set before its first message is sent.
    public long Origin
    {
        get => Volatile.Read(ref _origin);
        set => Volatile.Write(ref _origin, value);
    }

    private long _origin;

    public SequenceTracker Sequences { get; } = new(senders, capacityPerSender);

    // Bench messages of an earlier step (late arrivals after its drain) or another run.
    public long Stale { get; private set; }

    public long LastReceiveTimestamp { get; private set; }

    // Read without the lock to watch the drain: a torn or old value only delays the check by one poll.
    public long DistinctSnapshot => Volatile.Read(ref _distinct);

    private long _distinct;

    public void Record(int step, int sender, long sequence, long sentTimestamp, long receivedTimestamp)
    {
        if (step != Step)
        {
            Stale++;
            return;
        }

        if (!Sequences.Record(sender, sequence))
        {
            return;
        }

        // Latency of first deliveries only: a duplicate says nothing about how fast the server is.
        // In double: a garbled timestamp must not overflow into a negative latency.
        double elapsedTicks = Math.Max(0, (double)receivedTimestamp - sentTimestamp);
        long microseconds = (long)(elapsedTicks * 1_000_000 / Stopwatch.Frequency);
        Latency.Record(microseconds);
        Timeline.Record(Origin, sentTimestamp, microseconds);
        LastReceiveTimestamp = Math.Max(LastReceiveTimestamp, receivedTimestamp);
        Volatile.Write(ref _distinct, Sequences.Distinct);
    }
}
