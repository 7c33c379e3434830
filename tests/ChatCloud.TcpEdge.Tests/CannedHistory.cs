using System.Collections.Concurrent;
using ChatCloud.TcpEdge.History;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// Stands in for the history service in unit tests of the command logic only: it records the queries
/// the edge made and gives a set answer. The integration tests use the real service and PostgreSQL.
/// </summary>
internal sealed class CannedHistory : IRoomHistory
{
    public HistoryOutcome Outcome { get; set; } = HistoryOutcome.Found;
    public List<HistoryEntry> Messages { get; } = [];
    public List<HistoryTarget> Targets { get; } = [];
    public ConcurrentQueue<HistoryQuery> Queries { get; } = new();
    public ConcurrentQueue<string[]> TargetQueries { get; } = new();

    public Task<HistoryAnswer<HistoryEntry>> GetMessagesAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        Queries.Enqueue(query);
        return Task.FromResult(new HistoryAnswer<HistoryEntry>(Outcome, Outcome == HistoryOutcome.Found ? Messages : []));
    }

    public Task<HistoryAnswer<HistoryTarget>> GetTargetsAsync(
        IReadOnlyCollection<string> rooms, string first, string second, int limit, CancellationToken cancellationToken)
    {
        TargetQueries.Enqueue([.. rooms, first, second]);
        return Task.FromResult(new HistoryAnswer<HistoryTarget>(Outcome, Outcome == HistoryOutcome.Found ? Targets : []));
    }
}
