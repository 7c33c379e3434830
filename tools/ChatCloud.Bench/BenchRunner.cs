using System.Runtime.InteropServices;
using ChatCloud.Bench.Cli;
using ChatCloud.Bench.Clients;
using ChatCloud.Bench.Results;
using ChatCloud.Bench.Scenarios;

namespace ChatCloud.Bench;

// Runs the scenario against each target in turn (never at once: they would share the two cores),
// then prints the tables and writes the JSON.
public static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var settings = new ClientSettings(
            options.NickPrefix, ClientSettings.NewRunId(), options.Sasl is { } sasl ? SaslCredentials.Parse(sasl) : null);
        var run = new TargetRun(options, settings, progress);
        var results = new List<TargetResult>();
        try
        {
            foreach (var target in options.Targets)
            {
                results.Add(await run.RunAsync(target, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the clients are closed by now; what was measured is not a result.
            progress.WriteLine("cancelled");
            return 130;
        }

        string scenario = options.Scenario.ToString().ToLowerInvariant();
        var report = new BenchReport(startedAt, scenario, Machine(), Settings(options, settings.RunId), results);
        ConsoleReport.Write(output, report, options.Scenario);
        if (options.JsonPath is { } path)
        {
            await JsonReport.WriteAsync(path, report, cancellationToken);
            progress.WriteLine($"results written to {path}");
        }

        return results.Any(r => r.Error is not null || r.Connect is null || r.Connect.Registered == 0) ? 1 : 0;
    }

    private static RunSettings Settings(BenchOptions o, string runId) => new(
        o.Clients, o.Senders, o.Rate, o.Duration, o.Rooms, o.Tls, o.Drain, o.ConnectRate, o.ConnectConcurrency,
        o.Timeout, o.P99BoundMs, o.MaxRate, o.StepRetries, runId);

    private static MachineInfo Machine()
    {
        string? cpu = null;
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim();
        }

        return new MachineInfo(Environment.ProcessorCount, cpu, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}
