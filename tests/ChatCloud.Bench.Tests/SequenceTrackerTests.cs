using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Tests;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void Everything_once_is_no_loss_and_no_duplicate()
    {
        var tracker = new SequenceTracker(senders: 2, capacityPerSender: 100);
        for (int s = 0; s < 2; s++)
        {
            for (long q = 0; q < 100; q++)
            {
                Assert.True(tracker.Record(s, q));
            }
        }

        Assert.Equal(200, tracker.Distinct);
        Assert.Equal(0, tracker.Duplicates);
        Assert.Equal(0, tracker.MissingFrom(0, 100));
        Assert.Equal(0, tracker.MissingFrom(1, 100));
    }

    [Fact]
    public void A_repeat_is_a_duplicate_and_not_a_delivery()
    {
        var tracker = new SequenceTracker(1, 10);
        tracker.Record(0, 3);

        Assert.False(tracker.Record(0, 3));
        Assert.False(tracker.Record(0, 3));
        Assert.Equal(1, tracker.Distinct);
        Assert.Equal(2, tracker.Duplicates);
        Assert.Equal(1, tracker.DistinctFrom(0));
    }

    [Fact]
    public void Out_of_order_arrival_is_neither_lost_nor_duplicated()
    {
        var tracker = new SequenceTracker(1, 1000);
        foreach (long q in Enumerable.Range(0, 1000).Reverse())
        {
            tracker.Record(0, q);
        }

        Assert.Equal(0, tracker.MissingFrom(0, 1000));
        Assert.Equal(0, tracker.Duplicates);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(63, 31)]
    [InlineData(64, 32)]
    [InlineData(65, 32)]
    [InlineData(130, 65)]
    public void Missing_counts_the_gaps_below_what_was_sent(long sent, long missing)
    {
        // Only the even numbers arrive.
        var tracker = new SequenceTracker(1, 200);
        for (long q = 0; q < 200; q += 2)
        {
            tracker.Record(0, q);
        }

        Assert.Equal(missing, tracker.MissingFrom(0, sent));
    }

    [Fact]
    public void A_sender_never_heard_from_is_missing_everything_it_sent()
    {
        var tracker = new SequenceTracker(3, 50);
        tracker.Record(0, 0);

        Assert.Equal(40, tracker.MissingFrom(2, 40));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(2, 0)]
    [InlineData(0, -1)]
    [InlineData(0, 10)]
    public void Numbers_outside_the_step_are_counted_apart(int sender, long sequence)
    {
        var tracker = new SequenceTracker(2, 10);

        Assert.False(tracker.Record(sender, sequence));
        Assert.Equal(1, tracker.OutOfRange);
        Assert.Equal(0, tracker.Distinct);
    }
}
