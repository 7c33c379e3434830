using System.Collections.Concurrent;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>A room as this edge sees it: the members connected here. Safe for concurrent use.</summary>
public sealed class LocalRoom(string name)
{
    private readonly ConcurrentDictionary<IrcSession, byte> _members = new();

    /// <summary>The name as its creator wrote it; lookups fold case.</summary>
    public string Name { get; } = name;

    public ICollection<IrcSession> Members => _members.Keys;

    public bool IsEmpty => _members.IsEmpty;

    public bool Contains(IrcSession session) => _members.ContainsKey(session);

    public bool Add(IrcSession session) => _members.TryAdd(session, 0);

    public bool Remove(IrcSession session) => _members.TryRemove(session, out _);

    /// <summary>Queues one serialised line for every member; the bytes are shared, not copied.</summary>
    public void Broadcast(ReadOnlyMemory<byte> line, IrcSession? except = null)
    {
        foreach (var member in _members.Keys)
        {
            if (!ReferenceEquals(member, except))
            {
                member.Send(line);
            }
        }
    }
}
