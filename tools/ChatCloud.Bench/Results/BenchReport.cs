using ChatCloud.Bench.Stats;

namespace ChatCloud.Bench.Results;

// Everything one invocation measured, as written to --json. Times in milliseconds, memory in KiB.
public sealed record BenchReport(
    DateTimeOffset StartedAt, string Scenario, MachineInfo Machine, RunSettings Settings, IReadOnlyList<TargetResult> Targets);

public sealed record MachineInfo(int ProcessorCount, string? CpuModel, string Os, string Runtime);

public sealed record RunSettings(
    int Clients, int Senders, double Rate, double DurationSeconds, int Rooms, bool Tls, double DrainSeconds,
    double ConnectRate, int ConnectConcurrency, double TimeoutSeconds, double P99BoundMs, double MaxRate, int StepRetries, string RunId);

public sealed record TargetResult(
    string Name, string Host, int Port, double? LoadAverageAtStart, string? TlsFingerprint, ServerInfo? Server, ConnectResult? Connect,
    IReadOnlyList<StepResult> Steps, RampResult? Ramp, string? Error);

// The measured server process, or why none could be sampled.
public sealed record ServerInfo(int? Pid, string? Process, string? Note);

public sealed record ConnectResult(
    int Clients, int Connected, int Registered, int Joined, int JoinRefused, int Failed,
    IReadOnlyDictionary<string, int> Problems, double Seconds, double RegistrationsPerSecond,
    LatencySummary RegisterMs, LatencySummary JoinMs,
    long? RssBeforeKb, long? RssAfterKb, double? MemoryPerConnectionKb, string? MemoryNote);

public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean);

public sealed record StepResult(
    int Step, double TargetRate, double Seconds, int Senders, int Receivers, int Rooms,
    long Sent, double SentPerSecond, long Expected, long Delivered, long Lost, long Duplicates, long Stale, long OutOfRange,
    double DeliveriesPerSecond, LatencySummary LatencyMs, IReadOnlyList<SecondLatency> LatencyBySecond, int Disconnects, IReadOnlyDictionary<string, int> DisconnectReasons,
    double BenchCpuPercent, double? ServerCpuPercent, BenchCost BenchCost, bool Passed, string? FailReason);

// What the step cost the bench itself, to show it was not the bottleneck: CPU is in BenchCpuPercent
// (percent of one core, like ServerCpuPercent); here what it allocated and how often the GC ran.
public sealed record BenchCost(long AllocatedBytes, double AllocatedBytesPerDelivery, int Gen0Collections, int Gen2Collections);

public sealed record RampResult(double P99BoundMs, int StepRetries, StepResult? HighestPassing, string StopReason);
