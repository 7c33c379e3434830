using ChatCloud.Cli.Irc;

namespace ChatCloud.Cli.Tests;

public sealed class BackoffPolicyTests
{
    [Theory]
    [InlineData(0, 0.0, 500)]
    [InlineData(0, 0.999999, 1000)]
    [InlineData(1, 0.0, 1000)]
    [InlineData(3, 0.5, 6000)]
    [InlineData(6, 0.0, 30000)]
    [InlineData(6, 0.999999, 60000)]
    [InlineData(1000, 0.0, 30000)]
    public void Delays_double_up_to_the_cap_with_equal_jitter(int attempt, double random, double expectedMs)
    {
        var policy = new BackoffPolicy(() => random) { Base = TimeSpan.FromSeconds(1), Max = TimeSpan.FromSeconds(60) };

        Assert.Equal(expectedMs, policy.Delay(attempt).TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void Jitter_spreads_clients_between_half_and_all_of_the_delay()
    {
        var random = new Random(42);
        var policy = new BackoffPolicy(random.NextDouble);
        var delays = Enumerable.Range(0, 200).Select(_ => policy.Delay(4).TotalMilliseconds).ToArray();

        Assert.All(delays, delay => Assert.InRange(delay, 8000, 16000));
        Assert.True(delays.Distinct().Count() > 150, "the delays are spread, not all the same");
    }
}
