using ChatCloud.Bench.Cli;

namespace ChatCloud.Bench.Results;

// The headline figures of each scenario, shared by the single-target table and the --compare table.
public sealed record Metric(string Label, Func<TargetResult, double?> Value, string Format);

public static class Metrics
{
    private static readonly Metric[] Connect =
    [
        new("clients registered", r => r.Connect?.Registered, "N0"),
        new("clients joined", r => r.Connect?.Joined, "N0"),
        new("clients failed", r => r.Connect?.Failed, "N0"),
        new("registrations/s", r => r.Connect?.RegistrationsPerSecond, "N0"),
        new("register p50 ms", r => r.Connect?.RegisterMs.P50, "N1"),
        new("register p99 ms", r => r.Connect?.RegisterMs.P99, "N1"),
        new("server RSS growth KiB", r => r.Connect is { RssAfterKb: { } a, RssBeforeKb: { } b } ? a - b : null, "N0"),
        new("server KiB per connection", r => r.Connect?.MemoryPerConnectionKb, "N2"),
    ];

    private static readonly Metric[] Step =
    [
        new("sent msg/s", r => Headline(r)?.SentPerSecond, "N0"),
        new("deliveries/s", r => Headline(r)?.DeliveriesPerSecond, "N0"),
        new("latency p50 ms", r => Headline(r)?.LatencyMs.P50, "N1"),
        new("latency p99 ms", r => Headline(r)?.LatencyMs.P99, "N1"),
        new("latency max ms", r => Headline(r)?.LatencyMs.Max, "N1"),
        new("lost", r => Headline(r)?.Lost, "N0"),
        new("duplicated", r => Headline(r)?.Duplicates, "N0"),
        new("server CPU %", r => Headline(r)?.ServerCpuPercent, "N0"),
        new("bench CPU %", r => Headline(r)?.BenchCpuPercent, "N0"),
        new("bench bytes allocated/delivery", r => Headline(r)?.BenchCost.AllocatedBytesPerDelivery, "N1"),
        new("load average at start", r => r.LoadAverageAtStart, "N2"),
    ];

    private static readonly Metric[] Ramp =
    [
        new("highest passing msg/s", r => r.Ramp?.HighestPassing?.TargetRate, "N0"),
    ];

    public static IReadOnlyList<Metric> For(Scenario scenario) => scenario switch
    {
        Scenario.Connect => Connect,
        Scenario.Ramp => [.. Connect.Take(4), .. Ramp, .. Step],
        _ => [.. Connect.Take(4), .. Step],
    };

    // The step the headline figures describe: the only one, or ramp's highest passing step.
    public static StepResult? Headline(TargetResult result) =>
        result.Ramp is { } ramp ? ramp.HighestPassing : result.Steps.Count == 1 ? result.Steps[0] : null;
}
