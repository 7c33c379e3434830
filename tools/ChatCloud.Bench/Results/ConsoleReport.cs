using System.Globalization;
using ChatCloud.Bench.Cli;

namespace ChatCloud.Bench.Results;

// The tables on stdout: per target its figures, steps and problems; with several targets, one table
// side by side with each figure's ratio to the first target.
public static class ConsoleReport
{
    public static void Write(TextWriter output, BenchReport report, Scenario scenario)
    {
        foreach (var target in report.Targets)
        {
            WriteTarget(output, target, scenario);
        }

        if (report.Targets.Count > 1)
        {
            output.WriteLine($"== {report.Scenario}: side by side (ratio to {report.Targets[0].Name}) ==");
            output.WriteLine(Compare(report.Targets, scenario));
        }
    }

    private static void WriteTarget(TextWriter output, TargetResult target, Scenario scenario)
    {
        string server = target.Server switch
        {
            { Pid: { } pid, Process: { } name } => $"server {name} pid {pid.ToString(CultureInfo.InvariantCulture)}",
            { Note: { } note } => note,
            _ => "server not sampled",
        };
        output.WriteLine($"== {target.Name} ({target.Host}:{target.Port.ToString(CultureInfo.InvariantCulture)}), {server} ==");
        if (target.TlsFingerprint is { } fingerprint)
        {
            output.WriteLine($"TLS certificate SHA-256 {fingerprint} (not verified: bench only)");
        }

        var figures = new TextTable("figure", "value");
        foreach (var metric in Metrics.For(scenario))
        {
            figures.Add(metric.Label, Format(metric.Value(target), metric.Format));
        }

        output.WriteLine(figures);
        if (target.Steps.Count > 0)
        {
            output.WriteLine(Steps(target.Steps));
        }

        foreach (var step in target.Steps)
        {
            // Where the tail came from: one bad second (a stall) or all of them (a queue).
            output.WriteLine($"step {step.Step.ToString(CultureInfo.InvariantCulture)} max ms by second sent: "
                + string.Join(' ', step.LatencyBySecond.Select(second => second.MaxMs.ToString("0", CultureInfo.InvariantCulture))));
            foreach (var (reason, count) in step.DisconnectReasons)
            {
                output.WriteLine($"step {step.Step.ToString(CultureInfo.InvariantCulture)}: {count.ToString(CultureInfo.InvariantCulture)} disconnected: {reason}");
            }
        }

        if (target.Ramp is { } ramp)
        {
            output.WriteLine($"ramp stopped: {ramp.StopReason}");
        }

        if (target.Connect?.MemoryNote is { } memoryNote)
        {
            output.WriteLine($"memory per connection: {memoryNote}");
        }

        foreach (var (problem, count) in target.Connect?.Problems ?? new Dictionary<string, int>())
        {
            output.WriteLine($"{count.ToString(CultureInfo.InvariantCulture),6} × {problem}");
        }

        if (target.Error is { } error)
        {
            output.WriteLine($"error: {error}");
        }

        output.WriteLine();
    }

    private static string Steps(IReadOnlyList<StepResult> steps)
    {
        var table = new TextTable("step", "msg/s", "sent/s", "deliveries/s", "p50 ms", "p99 ms", "max ms", "lost", "dup", "bench cpu", "server cpu", "result");
        foreach (var s in steps)
        {
            table.Add(
                s.Step.ToString(CultureInfo.InvariantCulture), Format(s.TargetRate, "N0"), Format(s.SentPerSecond, "N0"),
                Format(s.DeliveriesPerSecond, "N0"), Format(s.LatencyMs.P50, "N1"), Format(s.LatencyMs.P99, "N1"),
                Format(s.LatencyMs.Max, "N1"), Format(s.Lost, "N0"), Format(s.Duplicates, "N0"),
                Format(s.BenchCpuPercent, "N0") + "%", s.ServerCpuPercent is { } cpu ? Format(cpu, "N0") + "%" : "-",
                s.Passed ? "pass" : s.FailReason ?? "fail");
        }

        return table.ToString();
    }

    public static string Compare(IReadOnlyList<TargetResult> targets, Scenario scenario)
    {
        var table = new TextTable([.. targets.Select(t => t.Name).Prepend("figure")]);
        foreach (var metric in Metrics.For(scenario))
        {
            double? first = metric.Value(targets[0]);
            var cells = targets.Select((t, i) =>
            {
                double? value = metric.Value(t);
                string text = Format(value, metric.Format);
                return i == 0 || value is null ? text : $"{text} ({Ratio(value.Value, first)})";
            });
            table.Add([.. cells.Prepend(metric.Label)]);
        }

        return table.ToString();
    }

    private static string Ratio(double value, double? first) =>
        first is { } f && f != 0 ? (value / f).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "-";

    private static string Format(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
