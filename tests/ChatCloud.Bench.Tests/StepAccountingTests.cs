using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Tests;

public sealed class StepAccountingTests
{
    private const int Step = 1;

    [Fact]
    public void Each_receiver_expects_every_other_sender_in_its_room_and_not_itself()
    {
        // Room 0: clients 0 (sender 0), 2 (sender 1), 4. Room 1: clients 1, 3 (sender 2 is client 1).
        var senders = new[] { new SenderRecord(0, 0, 0, 10), new SenderRecord(1, 2, 0, 20), new SenderRecord(2, 1, 1, 5) };
        var receivers = Enumerable.Range(0, 5).Select(c => new ReceiverRecord(c, c % 2, new ReceiveStats(Step, 3, 100))).ToArray();
        foreach (var receiver in receivers)
        {
            foreach (var sender in senders.Where(s => s.Room == receiver.Room && s.Client != receiver.Client))
            {
                for (long q = 0; q < sender.Sent; q++)
                {
                    receiver.Stats.Record(Step, sender.Sender, q, sentTimestamp: 0, receivedTimestamp: 0);
                }
            }
        }

        var totals = StepAccounting.Account(receivers, senders);

        // Client 0 expects 20, client 2 expects 10, client 4 expects 30; client 1 nothing, client 3 expects 5.
        Assert.Equal(65, totals.Expected);
        Assert.Equal(65, totals.Delivered);
        Assert.Equal(0, totals.Lost);
        Assert.Equal(35, totals.Sent);
        Assert.Equal(65, totals.Latency.Count);
    }

    [Fact]
    public void Lost_and_duplicated_are_counted_per_receiver_and_message()
    {
        var senders = new[] { new SenderRecord(0, 0, 0, 100) };
        var a = new ReceiveStats(Step, 1, 100);
        var b = new ReceiveStats(Step, 1, 100);
        for (long q = 0; q < 100; q++)
        {
            if (q % 10 != 0)
            {
                a.Record(Step, 0, q, 0, 0);
            }

            b.Record(Step, 0, q, 0, 0);
            if (q < 3)
            {
                b.Record(Step, 0, q, 0, 0);
            }
        }

        var totals = StepAccounting.Account([new(1, 0, a), new(2, 0, b)], senders);

        Assert.Equal(200, totals.Expected);
        Assert.Equal(10, totals.Lost);
        Assert.Equal(3, totals.Duplicates);
        Assert.Equal(190, totals.Delivered);
    }

    [Fact]
    public void Late_messages_of_an_earlier_step_are_stale_not_deliveries()
    {
        var stats = new ReceiveStats(step: 2, senders: 1, capacityPerSender: 10);
        stats.Record(1, 0, 0, 0, 0);
        stats.Record(2, 0, 0, 0, 0);

        var totals = StepAccounting.Account([new(1, 0, stats)], [new SenderRecord(0, 0, 0, 10)]);

        Assert.Equal(1, totals.Stale);
        Assert.Equal(1, totals.Delivered);
    }

    [Fact]
    public void Latency_is_taken_from_first_copies_only()
    {
        long second = System.Diagnostics.Stopwatch.Frequency;
        var stats = new ReceiveStats(Step, 1, 10);
        stats.Record(Step, 0, 0, sentTimestamp: 0, receivedTimestamp: second / 100);
        stats.Record(Step, 0, 0, sentTimestamp: 0, receivedTimestamp: second);

        Assert.Equal(1, stats.Latency.Count);
        Assert.InRange(stats.Latency.Max, 10_000, 10_000 + (10_000 / 64));
        Assert.Equal(second / 100, stats.LastReceiveTimestamp);
    }
}
