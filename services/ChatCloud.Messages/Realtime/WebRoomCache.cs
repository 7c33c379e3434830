using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messages.Rooms;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// The rooms this instance's web members are in, as last read from the authority, so <c>Send</c>
/// checks <c>+m</c>, bans and voice without a PostgreSQL read per message (the TCP edge answers the
/// same from its replica, Rooms/LocalRoom.cs). Rather than replay the stream, a room's copy is
/// dropped when its stream shows a change that can matter (JOIN, PART, QUIT, NICK, KICK, MODE) and
/// read again at the next send; a read that started before such a change is not kept (its
/// <see cref="RoomSnapshot.Sequence"/> is older). Bounded by the rooms web members are in: a room
/// is forgotten when the last one leaves it.
/// </summary>
internal sealed class WebRoomCache(RoomMembership membership)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _rooms = new(StringComparer.Ordinal);

    /// <summary>The room's state as of its stream's latest change this instance has seen, or null when there is no such room.</summary>
    public async Task<RoomSnapshot?> GetAsync(string room, CancellationToken cancellationToken)
    {
        if (Cached(room) is { } cached)
        {
            return cached;
        }
        var snapshot = await membership.FindAsync(room, cancellationToken);
        if (snapshot is not null)
        {
            Put(snapshot);
        }
        return snapshot;
    }

    /// <summary>The copy held now, if it is still current.</summary>
    internal RoomSnapshot? Cached(string room)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(IrcCaseMapping.Rfc1459.Fold(room), out var entry) ? entry.Snapshot : null;
        }
    }

    /// <summary>Keeps <paramref name="snapshot"/> (a JOIN's answer, a read) unless a later change was seen meanwhile.</summary>
    public void Put(RoomSnapshot snapshot)
    {
        var folded = IrcCaseMapping.Rfc1459.Fold(snapshot.Name);
        lock (_lock)
        {
            if (!_rooms.TryGetValue(folded, out var entry))
            {
                _rooms[folded] = new Entry { Snapshot = snapshot, Seen = snapshot.Sequence };
            }
            else if (snapshot.Sequence >= entry.Seen && snapshot.Sequence >= (entry.Snapshot?.Sequence ?? 0))
            {
                entry.Snapshot = snapshot;
                entry.Seen = snapshot.Sequence;
            }
        }
    }

    /// <summary>The room's stream reached <paramref name="sequence"/> with an event of <paramref name="kind"/>.</summary>
    public void Saw(string foldedRoom, string kind, long sequence)
    {
        if (kind is not ("JOIN" or "PART" or "QUIT" or "NICK" or "KICK" or "MODE"))
        {
            return;
        }
        lock (_lock)
        {
            if (!_rooms.TryGetValue(foldedRoom, out var entry))
            {
                return;
            }
            entry.Seen = Math.Max(entry.Seen, sequence);
            if (entry.Snapshot is { } snapshot && snapshot.Sequence < sequence)
            {
                entry.Snapshot = null;
            }
        }
    }

    /// <summary>No web member here is in the room any more.</summary>
    public void Forget(string foldedRoom)
    {
        lock (_lock)
        {
            _rooms.Remove(foldedRoom);
        }
    }

    private sealed class Entry
    {
        public RoomSnapshot? Snapshot { get; set; }

        public long Seen { get; set; }
    }
}
