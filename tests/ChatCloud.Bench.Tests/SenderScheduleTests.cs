using ChatCloud.Bench.Scenarios;

namespace ChatCloud.Bench.Tests;

public sealed class SenderScheduleTests
{
    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(995, 100)]
    [InlineData(5000, 100)]
    public void Due_counts_messages_whose_time_has_come(int milliseconds, long due) =>
        Assert.Equal(due, SenderLoop.Due(TimeSpan.FromMilliseconds(milliseconds), rate: 100, total: 100));

    [Fact]
    public void Senders_with_phases_interleave_into_one_even_stream()
    {
        // 4 senders share 400 msg/s: each sends 100/s, sender k starting k/400 s after the first.
        var times = Enumerable.Range(0, 4)
            .SelectMany(k => Enumerable.Range(0, 10).Select(q => SenderLoop.DueTime(q, 100, TimeSpan.FromSeconds(k / 400.0))))
            .Order()
            .ToArray();

        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds);
        Assert.All(gaps, gap => Assert.Equal(2.5, gap, precision: 6));
    }
}
