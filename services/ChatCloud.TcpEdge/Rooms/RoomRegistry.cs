using System.Collections.Concurrent;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>The rooms that have members on this edge, by rfc1459-folded name.</summary>
public sealed class RoomRegistry
{
    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new(IrcCaseMapping.Rfc1459);
    private readonly Lock _membership = new();

    public LocalRoom? Find(string name) => _rooms.GetValueOrDefault(name);

    public int Count => _rooms.Count;

    /// <summary>Adds the session to the room, creating it; false when it was already a member.</summary>
    public bool Join(IrcSession session, string name, out LocalRoom room)
    {
        // One lock for membership changes keeps "last member leaves, room removed" and "member
        // joins" from racing into a member of a room that is no longer registered.
        lock (_membership)
        {
            room = _rooms.GetOrAdd(name, static n => new LocalRoom(n));
            return room.Add(session) && session.Rooms.Add(room.Name);
        }
    }

    /// <summary>Removes the session from the room; false when it was not a member.</summary>
    public bool Part(IrcSession session, LocalRoom room)
    {
        lock (_membership)
        {
            if (!room.Remove(session))
            {
                return false;
            }
            session.Rooms.Remove(room.Name);
            if (room.IsEmpty)
            {
                _rooms.TryRemove(new KeyValuePair<string, LocalRoom>(room.Name, room));
            }
            return true;
        }
    }

    /// <summary>The other members of every room the session is in, each once.</summary>
    public HashSet<IrcSession> MembersSharingRoomsWith(IrcSession session)
    {
        var members = new HashSet<IrcSession>();
        foreach (var name in session.Rooms.ToArray())
        {
            if (Find(name) is { } room)
            {
                members.UnionWith(room.Members);
            }
        }
        members.Remove(session);
        return members;
    }

    /// <summary>
    /// A disconnecting session leaves every room; the members left there see it QUIT, once each
    /// even when they share several rooms with it.
    /// </summary>
    public void Leave(IrcSession session, string reason)
    {
        if (!session.IsRegistered)
        {
            return;
        }
        // The reason already reads "Quit: …" for a client QUIT, or says what the server saw ("Ping timeout").
        var quit = IrcWriter.GetBytes(new IrcMessage(session.Prefix, "QUIT", [reason]));
        var told = new HashSet<IrcSession>();
        foreach (var name in session.Rooms.ToArray())
        {
            if (Find(name) is not { } room || !Part(session, room))
            {
                continue;
            }
            foreach (var member in room.Members)
            {
                if (told.Add(member))
                {
                    member.Send(quit);
                }
            }
        }
    }
}
