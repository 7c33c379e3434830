using ChatCloud.Contracts.History;

namespace ChatCloud.TcpEdge.History;

public enum HistoryOutcome
{
    Found,

    /// <summary>The room has no message with the msgid the client gave.</summary>
    UnknownMessage,

    /// <summary>The history service did not answer in time, or failed.</summary>
    Unavailable,
}

public sealed record HistoryAnswer<T>(HistoryOutcome Outcome, IReadOnlyList<T> Items);

/// <summary>
/// One CHATHISTORY message query: <paramref name="Selector"/> is the API's query name (<c>latest</c>,
/// <c>before</c>, <c>after</c>, <c>around</c>, or <c>between</c>) and the references are written
/// as on IRC (<c>msgid=…</c>, <c>timestamp=…</c>, or <c>*</c> for LATEST). <paramref name="Events"/>
/// asks for the room's events among its messages (draft/event-playback). <see cref="OnBehalfOf"/> is the
/// account the read is for, so the history service counts a terminal's room open as that person's.
/// </summary>
public sealed record HistoryQuery(string Room, string Selector, string Reference, string? SecondReference, int Limit, bool Events = false)
{
    public Guid? OnBehalfOf { get; init; }
}

/// <summary>The history service's read API, as the edge uses it (docs/architecture.md, "The history read path").</summary>
public interface IRoomHistory
{
    Task<HistoryAnswer<HistoryMessage>> GetMessagesAsync(HistoryQuery query, CancellationToken cancellationToken);

    Task<HistoryAnswer<RoomActivity>> GetTargetsAsync(IReadOnlyCollection<string> rooms, string first, string second, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation between <paramref name="asker"/> (a party, <c>a:…</c> or <c>n:…</c>) and the nick
    /// <see cref="HistoryQuery.Room"/>: the history service serves a conversation to its parties only.
    /// </summary>
    Task<HistoryAnswer<HistoryMessage>> GetConversationAsync(string asker, HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>TARGETS among the conversations of <paramref name="asker"/>, each named by the other party.</summary>
    Task<HistoryAnswer<RoomActivity>> GetConversationTargetsAsync(string asker, string first, string second, int limit, CancellationToken cancellationToken);
}

public static class RoomHistoryLimits
{
    /// <summary>The most messages one CHATHISTORY returns (ISUPPORT <c>CHATHISTORY=100</c>); the history service cuts to the same.</summary>
    public const int MaxMessages = 100;
}
