using System.Diagnostics;
using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Tests;

public sealed class LatencyTimelineTests
{
    private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

    [Fact]
    public void Latencies_are_kept_by_the_second_they_were_sent_and_merged_across_receivers()
    {
        var first = new LatencyTimeline();
        var second = new LatencyTimeline();
        first.Record(origin: 0, At(0.2), 10_000);
        first.Record(origin: 0, At(0.9), 30_000);
        second.Record(origin: 0, At(0.5), 500_000);
        second.Record(origin: 0, At(2.1), 40_000);

        first.Add(second);
        var seconds = first.Seconds();

        Assert.Equal([0, 1, 2], seconds.Select(s => s.Second));
        Assert.Equal(new SecondLatency(0, 3, 180, 500), seconds[0]);
        Assert.Equal(new SecondLatency(1, 0, 0, 0), seconds[1]);
        Assert.Equal(new SecondLatency(2, 1, 40, 40), seconds[2]);
    }

    [Fact]
    public void Sends_before_the_origin_or_past_the_last_slot_land_in_the_first_or_last_slot()
    {
        var timeline = new LatencyTimeline();
        timeline.Record(origin: At(10), At(9), 1_000);
        timeline.Record(origin: At(10), At(10 + LatencyTimeline.Slots + 50), 2_000);

        var seconds = timeline.Seconds();

        Assert.Equal(LatencyTimeline.Slots, seconds.Count);
        Assert.Equal(1, seconds[0].Deliveries);
        Assert.Equal(2, seconds[^1].MaxMs);
    }

    [Fact]
    public void An_empty_timeline_has_no_seconds() => Assert.Empty(new LatencyTimeline().Seconds());
}
