using System.Collections.Concurrent;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>A room as this edge sees it: the members connected here. Safe for concurrent use.</summary>
public sealed class LocalRoom(string name)
{
    private readonly ConcurrentDictionary<IrcSession, byte> _members = new();
    private long _lastSequence;

    /// <summary>The name as its creator wrote it; lookups fold case.</summary>
    public string Name { get; } = name;

    public ICollection<IrcSession> Members => _members.Keys;

    public bool IsEmpty => _members.IsEmpty;

    /// <summary>
    /// True for a stored message newer than any this room delivered here. The bus delivers at least
    /// once, and a relay that failed mid-batch sends part of it again: an event already delivered is
    /// dropped rather than shown twice. Called only by the delivering consumer, one event at a time.
    /// </summary>
    public bool TryAdvance(long sequence)
    {
        if (sequence <= _lastSequence)
        {
            return false;
        }
        _lastSequence = sequence;
        return true;
    }

    public bool Contains(IrcSession session) => _members.ContainsKey(session);

    public bool Add(IrcSession session) => _members.TryAdd(session, 0);

    public bool Remove(IrcSession session) => _members.TryRemove(session, out _);
}
