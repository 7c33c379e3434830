using ChatCloud.Bench.Cli;
using ChatCloud.Bench.Results;

namespace ChatCloud.Bench.Scenarios;

// fanout and rooms: one step at --rate. ramp: steps from --rate, doubling while a step passes (p99 within
// --p99-bound, nothing lost or duplicated, every message sent, nobody disconnected), up to --max-rate.
// Steps are numbered in the order they ran, retries included.
public sealed class StepSeries(BenchOptions options, MessageStep step, TextWriter progress, string target)
{
    public async Task<RampResult?> RunAsync(List<StepResult> steps, CancellationToken cancellationToken)
    {
        var duration = options.DurationSpan;
        if (options.Scenario != Scenario.Ramp)
        {
            steps.Add(Report(await step.RunAsync(1, options.Rate, duration, cancellationToken)));
            return null;
        }

        StepResult? highest = null;
        string stop = $"reached --max-rate {options.MaxRate:0.#} msg/s";
        for (double rate = options.Rate; rate <= options.MaxRate; rate *= 2)
        {
            var result = await RunWithRetriesAsync(steps, rate, duration, cancellationToken);
            if (!result.Passed)
            {
                stop = $"step {result.Step} at {rate:0.#} msg/s failed: {result.FailReason}";
                break;
            }

            highest = result;
        }

        return new RampResult(options.P99BoundMs, options.StepRetries, highest, stop);
    }

    // On a shared machine another process can stall the server for a moment and fail one step that the
    // server would pass; a failed rate is run again up to --step-retries times, and every attempt is kept.
    private async Task<StepResult> RunWithRetriesAsync(List<StepResult> steps, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var result = Report(await step.RunAsync(steps.Count + 1, rate, duration, cancellationToken));
            steps.Add(result);
            if (result.Passed || attempt >= options.StepRetries)
            {
                return result;
            }
        }
    }

    private StepResult Report(StepResult r)
    {
        progress.WriteLine(
            $"[{target}] step {r.Step}: {r.TargetRate:0.#} msg/s -> {r.DeliveriesPerSecond:0} deliveries/s, "
            + $"p50 {r.LatencyMs.P50:0.0} ms, p99 {r.LatencyMs.P99:0.0} ms, max {r.LatencyMs.Max:0.0} ms, "
            + $"lost {r.Lost}, dup {r.Duplicates}{(r.Passed ? "" : " -- " + r.FailReason)}");
        return r;
    }
}
