using System.Collections.Concurrent;
using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// A room as this edge sees it: a replica of the authority's state (members, modes, topic, bans),
/// built from the snapshot of its first local JOIN and kept current by the room's stream in sequence
/// order, and the members connected here, each with the stream position it joined at (it is shown
/// only what comes after). Safe for concurrent use: the delivering consumer applies events while
/// connections join, leave and read.
/// </summary>
/// <remarks>
/// A JOIN's answer and the stream race: events after the join may arrive on the bus before the
/// answer does. While a join is in flight the room keeps the events it receives, so the joiner is
/// shown exactly those after its snapshot, and a replica without state yet can catch up from them.
/// </remarks>
public sealed class LocalRoom(string name)
{
    /// <summary>Events kept while joins are in flight; more than this in one join's round trip is a stalled authority.</summary>
    private const int MaxKeptEvents = 10_000;

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<IrcSession, long> _local = new();
    private readonly RoomReplica _replica = new();
    private List<MessageStored>? _kept;
    private int _joinsInFlight;
    private bool _hasState;

    // The replica's state is valid at _state (a snapshot may be ahead of the bus); _received is the
    // last event the bus brought, which is what local members have been shown.
    private long _state;
    private long _received;

    /// <summary>The name as its creator wrote it (the authority's, once known); lookups fold case.</summary>
    public string Name { get; private set; } = name;

    /// <summary>Local members and the stream position each joined at: show a member only events after it.</summary>
    public ICollection<KeyValuePair<IrcSession, long>> Local => _local;

    public IEnumerable<IrcSession> Members => _local.Keys;

    public bool IsUnused => _local.IsEmpty && Volatile.Read(ref _joinsInFlight) == 0;

    public bool Contains(IrcSession session) => _local.ContainsKey(session);

    /// <summary>A local JOIN is about to ask the authority: keep events until it is answered.</summary>
    public void BeginJoin()
    {
        lock (_gate)
        {
            _joinsInFlight++;
            _kept ??= [];
        }
    }

    /// <summary>The JOIN was refused or not answered.</summary>
    public void AbortJoin()
    {
        lock (_gate)
        {
            EndJoin();
        }
    }

    /// <summary>
    /// The authority let <paramref name="session"/> in at <paramref name="snapshot"/>'s sequence.
    /// Under the room's lock, so no event reaches the session before them, <paramref name="welcome"/>
    /// sends the JOIN, topic and names, then the events that came after the snapshot.
    /// </summary>
    public void CompleteJoin(IrcSession session, RoomSnapshot snapshot, Action<RoomSnapshot, IReadOnlyList<MessageStored>> welcome)
    {
        lock (_gate)
        {
            if (!_hasState)
            {
                _replica.Load(snapshot);
                _state = snapshot.Sequence;
                _hasState = true;
                foreach (var kept in _kept ?? [])
                {
                    if (kept.Sequence > _state)
                    {
                        _state = kept.Sequence;
                        _replica.Apply(kept);
                    }
                }
            }
            Name = snapshot.Name;
            // What the bus brought since the snapshot was shown to the members here already; this one
            // is shown it now. What the bus has not brought yet it will be shown like everyone else.
            var after = (_kept ?? []).Where(e => e.Sequence > snapshot.Sequence && e.Sequence <= _received).ToList();
            _local[session] = snapshot.Sequence;
            EndJoin();
            welcome(snapshot, after);
        }
    }

    /// <summary>
    /// Takes the next event of the room's stream: true when it is new here, so the local members who
    /// joined before it are to be shown it; the replica applies it unless a snapshot already had it.
    /// <paramref name="gap"/> is set when events were missed (the replica may be stale; the caller
    /// refreshes it).
    /// </summary>
    public bool Receive(MessageStored stored, out bool gap)
    {
        gap = false;
        lock (_gate)
        {
            if (stored.Sequence <= _received)
            {
                return false; // delivered here already (the bus delivers at least once)
            }
            if (_kept is not null && _kept.Count < MaxKeptEvents)
            {
                _kept.Add(stored);
            }
            if (_hasState && stored.Sequence > _state)
            {
                gap = stored.Sequence > Math.Max(_received, _state) + 1;
                _state = stored.Sequence;
                _replica.Apply(stored);
            }
            _received = stored.Sequence;
            return _hasState;
        }
    }

    /// <summary>Replaces the replica with a fresher snapshot (after a gap); older snapshots change nothing.</summary>
    public void Refresh(RoomSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_hasState && snapshot.Sequence >= _state)
            {
                _replica.Load(snapshot);
                _state = snapshot.Sequence;
            }
        }
    }

    public bool RemoveLocal(IrcSession session) => _local.TryRemove(session, out _);

    /// <summary>A copy of the replica's state, for NAMES, WHO, MODE and TOPIC queries.</summary>
    public RoomSnapshot View()
    {
        lock (_gate)
        {
            return _replica.ToSnapshot(Name, _state);
        }
    }

    /// <summary>chghost: the member's host in the replica, so NAMES and WHO here show it at once.</summary>
    public void ChangeHost(string nick, string host)
    {
        lock (_gate)
        {
            _replica.ChangeHost(nick, host);
        }
    }

    /// <summary>The member's prefixes (<c>o</c>, <c>v</c>), or null when the replica does not list the nick.</summary>
    public string? PrefixesOf(string nick)
    {
        lock (_gate)
        {
            return _replica.PrefixesOf(nick);
        }
    }

    /// <summary>Modern IRC's checks for speaking in a room: banned members and, on <c>+m</c>, members without voice may not.</summary>
    public bool MaySpeak(IrcSession session)
    {
        lock (_gate)
        {
            var prefixes = _replica.PrefixesOf(session.Nick ?? "") ?? "";
            if (prefixes.Length > 0)
            {
                return true;
            }
            return !_replica.Has('m') && !_replica.IsBanned(session.Prefix);
        }
    }

    private void EndJoin()
    {
        if (--_joinsInFlight == 0)
        {
            _kept = null;
        }
    }

    public override string ToString() => Name;
}
