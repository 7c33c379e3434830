using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Ranking;
using ChatCloud.Recommendations.Workload;

namespace ChatCloud.Recommendations.Commands;

/// <summary>
/// The offline commands of the service (issue 7), run instead of the web host:
/// <c>generate</c> writes a synthetic interaction log, <c>evaluate</c> trains and measures the model.
/// </summary>
public static class RecommendationsCommands
{
    public const string Usage = """
        usage:
          generate [--seed 42] [--users 2000] [--rooms 300] [--communities 12] [--days 28]
                   [--sessions-per-day 1.2] [--lifetime-days 40] [--revisit-share 0.8] [--out file.csv]
          evaluate [--data file.csv] [--protocol time|loo|next] [--k N] [--seed 42 --users ... as generate]
            without --data: a generated workload, time split, HR@5/NDCG@5
            with --data: the log user,item,timestamp[,weight], leave-one-out with 100 sampled negatives, HR@10/NDCG@10
            --protocol next: next-room prediction (predictive prefetch) replayed over the opens, HR@3
        """;

    public static bool Handles(string[] args) => args is ["generate" or "evaluate", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var options = new CommandArguments(args.Skip(1));
            if (args[0] == "generate")
            {
                var log = WorkloadGenerator.Generate(ReadWorkload(options));
                var path = options.Text("out");
                options.RejectUnknown();
                if (path is null)
                {
                    InteractionCsv.Write(log, output);
                }
                else
                {
                    await using var file = new StreamWriter(path);
                    InteractionCsv.Write(log, file);
                }
                await error.WriteLineAsync($"{log.Interactions.Count} interactions, {log.UserCount} users, {log.ItemCount} rooms, {log.Contacts.Count} contacts");
                return 0;
            }
            return await EvaluateAsync(options, output, error, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidOperationException or NotSupportedException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{args[0]}: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }
    }

    private static async Task<int> EvaluateAsync(CommandArguments options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var data = options.Text("data");
        var protocol = options.Text("protocol") ?? (data is null ? "time" : "loo");
        var k = options.WholeNumber("k", protocol switch { "loo" => 10, "next" => 3, _ => 5 });
        var workload = data is null ? ReadWorkload(options) : null;
        options.RejectUnknown();
        if (k is < 1 or > 100)
        {
            throw new ArgumentException("--k is between 1 and 100");
        }
        var log = workload is null ? InteractionCsv.ReadFile(data!) : WorkloadGenerator.Generate(workload);
        var progress = new LineProgress(error);
        await error.WriteLineAsync($"evaluating on {(data ?? "generated data")}: {log.Interactions.Count} events");
        if (protocol == "next")
        {
            await output.WriteLineAsync(NextRoomEvaluation.Run(log, k).ToString());
            return 0;
        }
        var report = protocol switch
        {
            "time" => OfflineEvaluator.TimeSplit(log, k, progress: progress, cancellationToken: cancellationToken),
            "loo" => OfflineEvaluator.LeaveOneOutSampled(log, k, progress: progress, cancellationToken: cancellationToken),
            _ => throw new ArgumentException($"--protocol is time, loo or next, not '{protocol}'"),
        };
        await output.WriteLineAsync(report.ToString());
        return 0;
    }

    /// <summary>Progress lines written as they come (<see cref="Progress{T}"/> would post them out of order).</summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine($"  {value}");
    }

    private static WorkloadOptions ReadWorkload(CommandArguments options)
    {
        var defaults = new WorkloadOptions();
        var workload = defaults with
        {
            Seed = options.WholeNumber("seed", defaults.Seed),
            Users = options.WholeNumber("users", defaults.Users),
            Rooms = options.WholeNumber("rooms", defaults.Rooms),
            Communities = options.WholeNumber("communities", defaults.Communities),
            Days = options.WholeNumber("days", defaults.Days),
            SessionsPerDay = options.Number("sessions-per-day", defaults.SessionsPerDay),
            MeanLifetimeDays = options.Number("lifetime-days", defaults.MeanLifetimeDays),
            RevisitShare = options.Number("revisit-share", defaults.RevisitShare),
        };
        workload.Validate();
        return workload;
    }
}
