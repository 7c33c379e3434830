using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Xunit;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>All traces while quiet, at most the configured number a second under load.</summary>
public sealed class RateLimitedSamplerTests
{
    private static SamplingDecision Decide(Sampler sampler) =>
        sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), "span", ActivityKind.Server)).Decision;

    [Fact]
    public void A_burst_keeps_the_bucket_then_the_rate_refills_it()
    {
        var time = new FakeTimeProvider();
        var sampler = new RateLimitedSampler(ratio: 1, maxPerSecond: 5, time);

        var burst = Enumerable.Range(0, 50).Count(_ => Decide(sampler) == SamplingDecision.RecordAndSample);
        time.Advance(TimeSpan.FromMilliseconds(400)); // two tokens back
        var after = Enumerable.Range(0, 50).Count(_ => Decide(sampler) == SamplingDecision.RecordAndSample);
        time.Advance(TimeSpan.FromMinutes(1)); // never more than a second's worth saved up
        var afterQuiet = Enumerable.Range(0, 50).Count(_ => Decide(sampler) == SamplingDecision.RecordAndSample);

        Assert.Equal(5, burst);
        Assert.Equal(2, after);
        Assert.Equal(5, afterQuiet);
    }

    [Fact]
    public void A_quiet_service_keeps_every_trace_and_a_zero_ratio_keeps_none()
    {
        var time = new FakeTimeProvider();
        var everything = new RateLimitedSampler(ratio: 1, maxPerSecond: 20, time);
        var nothing = new RateLimitedSampler(ratio: 0, maxPerSecond: 20, time);

        for (var request = 0; request < 30; request++)
        {
            Assert.Equal(SamplingDecision.RecordAndSample, Decide(everything));
            Assert.Equal(SamplingDecision.Drop, Decide(nothing));
            time.Advance(TimeSpan.FromMilliseconds(200));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitedSampler(1.5, 20, time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitedSampler(1, 0, time));
    }
}
