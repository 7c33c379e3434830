namespace ChatCloud.Cli.Irc;

// Delay before reconnect attempt n (0-based): min(Max, Base·2^n) scaled by a factor in [0.5, 1),
// "equal jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): never less than half the
// exponential delay, so a flapping network is not hammered, and spread so that every client of a
// restarted edge does not come back in the same instant.
internal sealed class BackoffPolicy(Func<double> random)
{
    public BackoffPolicy()
        : this(Random.Shared.NextDouble)
    {
    }

    public TimeSpan Base { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // 2^20 s is far past any cap; stop doubling there so the arithmetic cannot overflow.
        double exponential = Base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        double capped = Math.Min(Max.TotalMilliseconds, exponential);
        double factor = 0.5 + (0.5 * Math.Clamp(random(), 0, 0.999_999));
        return TimeSpan.FromMilliseconds(capped * factor);
    }
}
