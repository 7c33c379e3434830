using System.Collections.Concurrent;
using ChatCloud.Contracts.History;
using ChatCloud.TcpEdge.History;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// Stands in for the history service in unit tests of the command logic only: it records the queries
/// the edge made and gives a set answer. The integration tests use the real service and PostgreSQL.
/// </summary>
internal sealed class CannedHistory : IRoomHistory
{
    public HistoryOutcome Outcome { get; set; } = HistoryOutcome.Found;
    public List<HistoryMessage> Messages { get; } = [];
    public List<RoomActivity> Targets { get; } = [];
    public ConcurrentQueue<HistoryQuery> Queries { get; } = new();
    public ConcurrentQueue<string[]> TargetQueries { get; } = new();
    public List<RoomActivity> ConversationTargets { get; } = [];
    public ConcurrentQueue<string[]> ConversationTargetQueries { get; } = new();
    public ConcurrentQueue<(string Asker, HistoryQuery Query)> ConversationQueries { get; } = new();

    public Task<HistoryAnswer<HistoryMessage>> GetMessagesAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        Queries.Enqueue(query);
        return Task.FromResult(new HistoryAnswer<HistoryMessage>(Outcome, Outcome == HistoryOutcome.Found ? Messages : []));
    }

    public Task<HistoryAnswer<RoomActivity>> GetTargetsAsync(
        IReadOnlyCollection<string> rooms, string first, string second, int limit, CancellationToken cancellationToken)
    {
        TargetQueries.Enqueue([.. rooms, first, second]);
        return Task.FromResult(new HistoryAnswer<RoomActivity>(Outcome, Outcome == HistoryOutcome.Found ? Targets : []));
    }

    public Task<HistoryAnswer<HistoryMessage>> GetConversationAsync(string asker, HistoryQuery query, CancellationToken cancellationToken)
    {
        ConversationQueries.Enqueue((asker, query));
        return Task.FromResult(new HistoryAnswer<HistoryMessage>(Outcome, Outcome == HistoryOutcome.Found ? Messages : []));
    }

    public Task<HistoryAnswer<RoomActivity>> GetConversationTargetsAsync(string asker, string first, string second, int limit, CancellationToken cancellationToken)
    {
        ConversationTargetQueries.Enqueue([asker, first, second]);
        return Task.FromResult(new HistoryAnswer<RoomActivity>(Outcome, Outcome == HistoryOutcome.Found ? ConversationTargets : []));
    }
}
