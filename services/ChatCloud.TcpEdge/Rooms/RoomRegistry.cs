using System.Collections.Concurrent;
using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// The rooms that have members on this edge (or a JOIN on its way), by rfc1459-folded name. A room
/// is kept while it has a local member or a join in flight, and dropped after; the authority keeps
/// the room itself.
/// </summary>
public sealed class RoomRegistry
{
    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new(IrcCaseMapping.Rfc1459);

    // One lock for local membership changes keeps "last member leaves, room dropped" and "a join
    // begins" from racing into a join on a room no longer registered. Taken before a room's own lock.
    private readonly Lock _membership = new();

    public LocalRoom? Find(string name) => _rooms.GetValueOrDefault(name);

    public int Count => _rooms.Count;

    public IEnumerable<LocalRoom> All => _rooms.Values;

    /// <summary>A JOIN is about to ask the authority: the room is kept (and keeps its events) until it is answered.</summary>
    public LocalRoom BeginJoin(string name)
    {
        lock (_membership)
        {
            var room = _rooms.GetOrAdd(name, static n => new LocalRoom(n));
            room.BeginJoin();
            return room;
        }
    }

    public void AbortJoin(LocalRoom room)
    {
        lock (_membership)
        {
            room.AbortJoin();
            DropIfUnused(room);
        }
    }

    /// <summary>The authority let the session in: it becomes a local member (see <see cref="LocalRoom.CompleteJoin"/>).</summary>
    public void CompleteJoin(IrcSession session, LocalRoom room, RoomSnapshot snapshot, Action<RoomSnapshot, IReadOnlyList<MessageStored>> welcome)
    {
        lock (_membership)
        {
            room.CompleteJoin(session, snapshot, welcome);
            session.Rooms.Add(room.Name);
        }
    }

    /// <summary>The session is no longer a member here (PART, KICK, disconnect); false when it was not.</summary>
    public bool Leave(IrcSession session, LocalRoom room)
    {
        lock (_membership)
        {
            if (!room.RemoveLocal(session))
            {
                return false;
            }
            session.Rooms.Remove(room.Name);
            DropIfUnused(room);
            return true;
        }
    }

    /// <summary>A disconnecting session leaves every room here; the authority is told separately.</summary>
    /// <returns>Whether it was in any room.</returns>
    public bool LeaveAll(IrcSession session)
    {
        var any = false;
        foreach (var name in RoomsOf(session))
        {
            if (Find(name) is { } room)
            {
                any |= Leave(session, room);
            }
        }
        return any;
    }

    /// <summary>The names of the rooms the session is in here, copied under the membership lock.</summary>
    public string[] RoomsOf(IrcSession session)
    {
        lock (_membership)
        {
            return [.. session.Rooms];
        }
    }

    private void DropIfUnused(LocalRoom room)
    {
        if (room.IsUnused)
        {
            _rooms.TryRemove(new KeyValuePair<string, LocalRoom>(room.Name, room));
        }
    }
}
