using System.Diagnostics;
using ChatCloud.Bench.Clients;
using ChatCloud.Bench.Results;

namespace ChatCloud.Bench.Scenarios;

// The connect phase in figures, read off the clients once they have all settled.
public static class ConnectReport
{
    public static ConnectResult Build(ClientFleet fleet, long? rssBeforeKb, long? rssAfterKb)
    {
        var clients = fleet.Clients;
        var registered = clients.Where(c => c.RegisteredTimestamp != 0).ToList();
        long lastRegistered = registered.Count == 0 ? fleet.StartTimestamp : registered.Max(c => c.RegisteredTimestamp);
        double seconds = (lastRegistered - fleet.StartTimestamp) / (double)Stopwatch.Frequency;
        var problems = clients.Where(c => c.FailReason is not null)
            .GroupBy(c => c.FailReason!)
            .OrderByDescending(g => g.Count())
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Memory per connection: what the server grew by, over the connections it holds. A server keeps
        // the heap an earlier run grew (malloc and the GC rarely give it back), so a second run against it
        // shows no growth: that is reported as no figure, not as zero.
        int holding = clients.Count(c => c.IsOpen && c.RegisteredTimestamp != 0);
        double? perConnection = null;
        string? memoryNote = null;
        if (rssBeforeKb is not { } before || rssAfterKb is not { } after)
        {
            memoryNote = "server not sampled";
        }
        else if (after <= before)
        {
            memoryNote = "the server did not grow: it still holds the memory of an earlier run; restart it to measure";
        }
        else if (holding > 0)
        {
            perConnection = (after - before) / (double)holding;
        }

        return new ConnectResult(
            clients.Count,
            clients.Count(c => c.ConnectedTimestamp != 0),
            registered.Count,
            clients.Count(c => c.State == ClientState.Joined),
            clients.Count(c => c.State == ClientState.JoinRefused),
            clients.Count(c => c.State == ClientState.Failed),
            problems,
            seconds,
            seconds > 0 ? registered.Count / seconds : 0,
            Summaries.FromMilliseconds(registered.Select(c => Milliseconds(c.RegisteredTimestamp - c.StartTimestamp))),
            Summaries.FromMilliseconds(clients.Where(c => c.JoinedTimestamp != 0).Select(c => Milliseconds(c.JoinedTimestamp - c.RegisteredTimestamp))),
            rssBeforeKb,
            rssAfterKb,
            perConnection,
            memoryNote);
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
