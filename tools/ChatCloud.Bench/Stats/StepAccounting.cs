namespace ChatCloud.Bench.Stats;

// A receiver and the stats it handed over at the end of a step.
public sealed record ReceiverRecord(int Client, int Room, ReceiveStats Stats);

// A sender: its id in the payload, its client, its room, and how many messages it flushed.
public sealed record SenderRecord(int Sender, int Client, int Room, long Sent);

public sealed record StepTotals(
    long Sent, long Expected, long Delivered, long Lost, long Duplicates, long Stale, long OutOfRange,
    LatencyHistogram Latency, LatencyTimeline Timeline, long LastReceiveTimestamp);

// Loss and duplicate accounting for one step. Every receiver should get every message of every other
// sender in its room exactly once (a sender does not get its own: no echo-message). Lost counts the
// (receiver, message) pairs still missing after the drain; duplicates count extra copies.
public static class StepAccounting
{
    public static StepTotals Account(IReadOnlyList<ReceiverRecord> receivers, IReadOnlyList<SenderRecord> senders)
    {
        var latency = new LatencyHistogram();
        var timeline = new LatencyTimeline();
        long expected = 0, delivered = 0, lost = 0, duplicates = 0, stale = 0, outOfRange = 0, last = 0;
        var sendersByRoom = senders.ToLookup(s => s.Room);
        foreach (var receiver in receivers)
        {
            var stats = receiver.Stats;
            foreach (var sender in sendersByRoom[receiver.Room])
            {
                if (sender.Client == receiver.Client)
                {
                    continue;
                }

                expected += sender.Sent;
                lost += stats.Sequences.MissingFrom(sender.Sender, sender.Sent);
            }

            delivered += stats.Sequences.Distinct;
            duplicates += stats.Sequences.Duplicates;
            outOfRange += stats.Sequences.OutOfRange;
            stale += stats.Stale;
            last = Math.Max(last, stats.LastReceiveTimestamp);
            latency.Add(stats.Latency);
            timeline.Add(stats.Timeline);
        }

        return new StepTotals(senders.Sum(s => s.Sent), expected, delivered, lost, duplicates, stale, outOfRange, latency, timeline, last);
    }
}
