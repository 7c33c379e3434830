using System.Diagnostics;
using ChatCloud.Bench.Clients;

namespace ChatCloud.Bench.Scenarios;

// One sender's schedule: message k is due at phase + k / rate, and the sender sleeps until the next one
// is due. Senders start k / (total rate) apart, so together they make one evenly spaced stream; waking
// all senders on a shared tick instead sends bursts, and a burst meets the Nagle + delayed-ACK stall of
// servers that leave Nagle on (InspIRCd, ngIRCd), which then shows as 40 ms latencies that are the
// bench's doing. Each wake-up sends everything due (at most MaxBatch lines in one flush), so the
// long-run rate holds when a timer fires late. A sender still sending a second after its last message
// was due stops (the server is not taking them): the step has failed at that rate, and the run stays bounded.
public static class SenderLoop
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan GiveUpBehind = TimeSpan.FromSeconds(1);

    // Timers fire on millisecond boundaries; a shorter wait is better spent sending early.
    private static readonly TimeSpan MinSleep = TimeSpan.FromMilliseconds(1);

    public static async Task<long> RunAsync(
        BenchClient sender, byte[] prefix, long total, double rate, TimeSpan phase, long startTimestamp, CancellationToken cancellationToken)
    {
        var lastDue = DueTime(total - 1, rate, phase);
        long sent = 0;
        while (sent < total)
        {
            var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
            if (elapsed > lastDue + GiveUpBehind)
            {
                break;
            }

            var wait = DueTime(sent, rate, phase) - elapsed;
            if (wait >= MinSleep)
            {
                if (!await SleepAsync(wait, cancellationToken))
                {
                    break;
                }

                continue;
            }

            int batch = Math.Max(1, (int)Math.Min(Due(elapsed - phase + MinSleep, rate, total) - sent, MaxBatch));
            try
            {
                if (!await sender.SendBenchMessagesAsync(prefix, sent, batch, cancellationToken))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The step's send deadline: a flush the server never took. That batch is not counted.
                break;
            }

            sent += batch;
        }

        return sent;
    }

    private static async Task<bool> SleepAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // When message `sequence` is due, from the step's start.
    public static TimeSpan DueTime(long sequence, double rate, TimeSpan phase) => phase + TimeSpan.FromSeconds(sequence / rate);

    // How many messages are due `sinceStart` after the sender's first: the first is due at zero.
    public static long Due(TimeSpan sinceStart, double rate, long total) =>
        sinceStart < TimeSpan.Zero ? 0 : Math.Min(total, (long)(sinceStart.TotalSeconds * rate) + 1);
}
