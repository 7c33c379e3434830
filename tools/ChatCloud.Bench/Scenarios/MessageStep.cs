using System.Diagnostics;
using ChatCloud.Bench.Clients;
using ChatCloud.Bench.Protocol;
using ChatCloud.Bench.Results;
using ChatCloud.Bench.Server;
using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Scenarios;

// One measured step: S senders share `rate` msg/s for `duration`, every joined client receives; then a
// drain of up to --drain seconds for what is still in flight, then the accounting.
public sealed class MessageStep(
    IReadOnlyList<BenchClient> receivers, IReadOnlyList<BenchClient> senders, Func<int, int> roomOf,
    ClientSettings settings, ServerProcess? server, double p99BoundMs, TimeSpan drain)
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(15);

    private readonly record struct CostMeter(long Allocated, int Gen0, int Gen2)
    {
        public static CostMeter Start() => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2));

        public (long Allocated, int Gen0, int Gen2) Stop() =>
            (GC.GetTotalAllocatedBytes() - Allocated, GC.CollectionCount(0) - Gen0, GC.CollectionCount(2) - Gen2);
    }

    public async Task<StepResult> RunAsync(int step, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        await WaitForQuietAsync(cancellationToken);
        double perSender = rate / senders.Count;
        long perSenderTotal = Math.Max(1, (long)Math.Round(perSender * duration.TotalSeconds));
        var stats = receivers.Select(r => new ReceiveStats(step, senders.Count, perSenderTotal)).ToArray();
        for (int i = 0; i < receivers.Count; i++)
        {
            receivers[i].SwapStats(stats[i]);
        }

        var benchCpu = Environment.CpuUsage.TotalTime;
        var cost = CostMeter.Start();
        var serverCpu = server?.ReadCpuTime();
        // A server that stops reading would leave a flush waiting forever: sending ends at the latest two
        // seconds after the schedule does, and what was not flushed by then does not count as sent.
        using var sendDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        sendDeadline.CancelAfter(duration + TimeSpan.FromSeconds(senders.Count / rate) + SendGrace);
        long start = Stopwatch.GetTimestamp();
        foreach (var received in stats)
        {
            received.Origin = start;
        }
        // Sender k starts k/rate after the first, so the senders' messages interleave evenly.
        var sending = senders.Select((sender, k) => SenderLoop.RunAsync(
            sender, BenchLine.Prefix(sender.Room, settings.RunId, step, k), perSenderTotal, perSender,
            TimeSpan.FromSeconds(k / rate), start, sendDeadline.Token)).ToArray();
        long[] sent = await Task.WhenAll(sending);
        cancellationToken.ThrowIfCancellationRequested();
        var sendTime = Stopwatch.GetElapsedTime(start);

        var records = senders.Select((s, k) => new SenderRecord(k, s.Index, roomOf(s.Index), sent[k])).ToArray();
        long expected = StepAccounting.Account(
            [.. receivers.Select((r, i) => new ReceiverRecord(r.Index, roomOf(r.Index), stats[i]))], records).Expected;
        await DrainAsync(stats, expected, cancellationToken);
        var window = Stopwatch.GetElapsedTime(start);
        var benchCpuUsed = Environment.CpuUsage.TotalTime - benchCpu;
        var (allocated, gen0, gen2) = cost.Stop();
        var serverCpuUsed = server?.ReadCpuTime() - serverCpu;

        var handedOver = receivers.Select((r, i) => new ReceiverRecord(r.Index, roomOf(r.Index), r.SwapStats(null) ?? stats[i])).ToArray();
        var totals = StepAccounting.Account(handedOver, records);
        var benchCost = new BenchCost(allocated, totals.Delivered > 0 ? allocated / (double)totals.Delivered : 0, gen0, gen2);
        return Describe(step, rate, duration, sendTime, window, totals, benchCpuUsed, serverCpuUsed, benchCost, start);
    }

    // A step that overloaded the server leaves it sending that step's messages for seconds after the
    // drain; the next step would measure that backlog too. Wait (bounded) until a quarter second passes
    // without one.
    private async Task WaitForQuietAsync(CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(QuietLimit.TotalSeconds * Stopwatch.Frequency);
        long before = receivers.Sum(r => r.UnmeasuredDeliveries);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(QuietPeriod, cancellationToken);
            long now = receivers.Sum(r => r.UnmeasuredDeliveries);
            if (now == before)
            {
                return;
            }

            before = now;
        }
    }

    // Stops early once every expected delivery is in: a healthy server finishes a step in its duration.
    private async Task DrainAsync(ReceiveStats[] stats, long expected, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * Stopwatch.Frequency);
        while (stats.Sum(s => s.DistinctSnapshot) < expected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(DrainPoll, cancellationToken);
        }
    }

    private StepResult Describe(
        int step, double rate, TimeSpan duration, TimeSpan sendTime, TimeSpan window, StepTotals totals,
        TimeSpan benchCpu, TimeSpan? serverCpu, BenchCost benchCost, long start)
    {
        var latency = Summaries.FromHistogram(totals.Latency);
        // Deliveries per second over the time they actually took: first send to last delivery.
        double deliverySeconds = totals.LastReceiveTimestamp > start
            ? (totals.LastReceiveTimestamp - start) / (double)Stopwatch.Frequency
            : duration.TotalSeconds;
        long scheduled = senders.Count * Math.Max(1, (long)Math.Round(rate / senders.Count * duration.TotalSeconds));
        var gone = receivers.Where(r => !r.IsOpen).ToList();
        int disconnects = gone.Count;
        var disconnectReasons = gone.GroupBy(r => r.FailReason ?? r.CloseReason ?? "unknown")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string? failure = FailureOf(latency, totals, scheduled, disconnects);
        return new StepResult(
            step, rate, duration.TotalSeconds, senders.Count, receivers.Count, receivers.Select(r => roomOf(r.Index)).Distinct().Count(),
            totals.Sent, totals.Sent / Math.Max(sendTime.TotalSeconds, duration.TotalSeconds), totals.Expected, totals.Delivered,
            totals.Lost, totals.Duplicates, totals.Stale, totals.OutOfRange, totals.Delivered / deliverySeconds, latency, totals.Timeline.Seconds(),
            disconnects, disconnectReasons,
            100 * benchCpu.TotalSeconds / window.TotalSeconds,
            serverCpu is { } used ? 100 * used.TotalSeconds / window.TotalSeconds : null,
            benchCost, failure is null, failure);
    }

    private string? FailureOf(LatencySummary latency, StepTotals totals, long scheduled, int disconnects)
    {
        if (totals.Sent < scheduled)
        {
            return $"sent {totals.Sent:N0} of {scheduled:N0}: the server stopped taking messages";
        }

        if (totals.Lost > 0)
        {
            return $"{totals.Lost:N0} lost";
        }

        if (totals.Duplicates > 0)
        {
            return $"{totals.Duplicates:N0} duplicated";
        }

        if (disconnects > 0)
        {
            return $"{disconnects} clients disconnected";
        }

        return latency.P99 > p99BoundMs ? $"p99 {latency.P99:0.0} ms > {p99BoundMs:0.#} ms" : null;
    }
}
