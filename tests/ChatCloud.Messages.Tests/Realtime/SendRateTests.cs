using ChatCloud.Messages.Realtime;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatCloud.Messages.Tests.Realtime;

/// <summary>The web send rate: the TCP edge's flood control numbers (burst 20, then 4 a second), refused with the wait.</summary>
public sealed class SendRateTests
{
    [Fact]
    public void A_burst_passes_then_a_send_waits_for_the_next_token()
    {
        var time = new FakeTimeProvider();
        var rate = new SendRate(new RealtimeOptions(), time);

        var burst = Enumerable.Range(0, 20).Select(_ => rate.TryTake()).ToList();
        var refused = rate.TryTake();
        time.Advance(TimeSpan.FromMilliseconds(250));
        var refilled = rate.TryTake();
        var again = rate.TryTake();

        Assert.All(burst, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromMilliseconds(250), refused);
        Assert.Equal(TimeSpan.Zero, refilled);
        Assert.True(again > TimeSpan.Zero);
    }

    [Fact]
    public void The_bucket_never_holds_more_than_its_burst()
    {
        var time = new FakeTimeProvider();
        var rate = new SendRate(new RealtimeOptions { SendBurst = 3, SendsPerSecond = 1 }, time);

        time.Advance(TimeSpan.FromHours(1));
        var passed = Enumerable.Range(0, 5).Count(_ => rate.TryTake() == TimeSpan.Zero);

        Assert.Equal(3, passed);
    }
}
