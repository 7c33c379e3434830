namespace ChatCloud.Bench.Cli;

public enum Scenario
{
    Connect,
    Fanout,
    Rooms,
    Ramp,
}

// One server to measure. Name labels it in tables and JSON ("chatcloud", "inspircd").
public sealed record BenchTarget(string Name, string Host, int Port);

// Everything the command line sets. Defaults are the figures docs/benchmarks.md uses, so a bare
// `fanout` is the "200 clients, one room, 500 msg/s for 10 s" run.
public sealed class BenchOptions
{
    public Scenario Scenario { get; set; }

    // Without --compare: one target named after the host and port.
    public List<BenchTarget> Targets { get; } = [];

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 6667;

    public bool Tls { get; set; }

    public int Clients { get; set; } = 200;

    public int Senders { get; set; } = 10;

    // Messages per second over all senders; for ramp the first step.
    public double Rate { get; set; } = 500;

    // Seconds of sending; for ramp per step.
    public double Duration { get; set; } = 10;

    public int Rooms { get; set; } = 1;

    public string NickPrefix { get; set; } = "bench";

    public string? JsonPath { get; set; }

    // user:pass for SASL PLAIN; "{i}" in either part becomes the client's index.
    public string? Sasl { get; set; }

    public int? ServerPid { get; set; }

    // Ramp: a step passes when its p99 is at most this and nothing was lost or duplicated.
    public double P99BoundMs { get; set; } = 100;

    // Ramp: no step above this rate, which also bounds the run's length and the trackers' memory.
    public double MaxRate { get; set; } = 102_400;

    // Ramp: how often a failed rate is run again before the ramp stops (see StepSeries).
    public int StepRetries { get; set; } = 1;

    // Seconds to wait after the last send for deliveries still in flight; what is missing then is lost.
    public double Drain { get; set; } = 2;

    // The connection ramp: new TCP connections per second, and handshakes in flight at once.
    public double ConnectRate { get; set; } = 1_000;

    public int ConnectConcurrency { get; set; } = 64;

    // Seconds after the last connection attempt by which every client must have its 001 and JOIN;
    // a client without them by then counts as failed.
    public double Timeout { get; set; } = 30;

    // Load generators are dangerous pointed elsewhere: anything but loopback needs this flag.
    public bool AllowRemote { get; set; }

    public bool ShowHelp { get; set; }

    public TimeSpan DurationSpan => TimeSpan.FromSeconds(Duration);
}
