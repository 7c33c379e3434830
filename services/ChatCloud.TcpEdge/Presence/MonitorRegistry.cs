using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Presence;

/// <summary>
/// Who on this edge monitors which nick (IRCv3 monitor), and the presence changes that reach them.
/// Each session's list is bounded (<c>Irc:MonitorLimit</c>, <c>MONITOR=</c> in ISUPPORT) and
/// dropped when the session closes, so the index holds at most limit × sessions entries. Lists
/// change on their connection's read loop while notifications arrive on the feed's thread: one lock
/// covers both, and lines are sent outside it.
/// </summary>
public sealed class MonitorRegistry(IrcServerOptions options, IPresenceFeed feed)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<IrcSession>> _watchers = new(IrcCaseMapping.Rfc1459);
    private readonly Dictionary<IrcSession, HashSet<string>> _lists = [];

    public Task ListenAsync(CancellationToken cancellationToken) => feed.SubscribeAsync(Deliver, cancellationToken);

    /// <summary>Adds what fits under the limit, in order; returns the nicks added and those refused for lack of room.</summary>
    public (List<string> Added, List<string> Refused) Add(IrcSession session, IEnumerable<string> nicks)
    {
        List<string> added = [];
        List<string> refused = [];
        lock (_lock)
        {
            var list = _lists.TryGetValue(session, out var existing) ? existing : _lists[session] = new(IrcCaseMapping.Rfc1459);
            foreach (var nick in nicks)
            {
                if (list.Contains(nick))
                {
                    continue; // "Targets already in the list MUST NOT be added again."
                }
                if (list.Count >= options.MonitorLimit)
                {
                    refused.Add(nick);
                    continue;
                }
                list.Add(nick);
                added.Add(nick);
                (_watchers.TryGetValue(nick, out var watchers) ? watchers : _watchers[nick] = []).Add(session);
            }
            if (list.Count == 0)
            {
                _lists.Remove(session);
            }
        }
        return (added, refused);
    }

    public void Remove(IrcSession session, IEnumerable<string> nicks)
    {
        lock (_lock)
        {
            if (!_lists.TryGetValue(session, out var list))
            {
                return;
            }
            foreach (var nick in nicks)
            {
                if (list.Remove(nick))
                {
                    Unwatch(session, nick);
                }
            }
            if (list.Count == 0)
            {
                _lists.Remove(session);
            }
        }
    }

    /// <summary>Empties the session's list (<c>MONITOR C</c>, and when the connection closes).</summary>
    public void Clear(IrcSession session)
    {
        lock (_lock)
        {
            if (_lists.Remove(session, out var list))
            {
                foreach (var nick in list)
                {
                    Unwatch(session, nick);
                }
            }
        }
    }

    public IReadOnlyList<string> List(IrcSession session)
    {
        lock (_lock)
        {
            return _lists.TryGetValue(session, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Nicks monitored by anyone on this edge (tests check the index is cleaned).</summary>
    public int WatchedNicks
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    private void Unwatch(IrcSession session, string nick)
    {
        if (_watchers.TryGetValue(nick, out var watchers) && watchers.Remove(session) && watchers.Count == 0)
        {
            _watchers.Remove(nick);
        }
    }

    /// <summary>A change from any edge: everyone here who monitors the nick gets 730 or 731.</summary>
    public void Deliver(PresenceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        IrcSession[] watchers;
        lock (_lock)
        {
            if (!_watchers.TryGetValue(change.Nick, out var set))
            {
                return;
            }
            watchers = [.. set];
        }
        foreach (var watcher in watchers)
        {
            if (change.Mask is { } mask)
            {
                watcher.Reply(Numerics.RPL_MONONLINE, mask);
            }
            else
            {
                watcher.Reply(Numerics.RPL_MONOFFLINE, change.Nick);
            }
        }
    }

    // The hooks below are where a nick changes hands (registration, NICK, the close path).
    // A change the feed does not take is not retried: monitors learn the truth on MONITOR S.

    /// <summary>Registration completed: the session's nick is online.</summary>
    public Task NickOnlineAsync(IrcSession session) => PublishAsync(PresenceChange.Online(session.Nick!, session.Prefix));

    /// <summary>A registered session changed nick: the old one went offline, the new one came online.</summary>
    public async Task NickChangedAsync(IrcSession session, string previous)
    {
        if (IrcCaseMapping.Rfc1459.Equals(previous, session.Nick))
        {
            return; // The same nick for everyone who compares under the casemapping, as MONITOR does.
        }
        await PublishAsync(PresenceChange.Offline(previous));
        await NickOnlineAsync(session);
    }

    /// <summary>The connection closed: its list goes, and its nick, if it was online, is offline.</summary>
    public async Task SessionClosedAsync(IrcSession session)
    {
        Clear(session);
        if (session.IsRegistered && session.Nick is { } nick)
        {
            await PublishAsync(PresenceChange.Offline(nick));
        }
    }

    private async Task PublishAsync(PresenceChange change)
    {
        try
        {
            using var timeout = new CancellationTokenSource(options.DirectoryTimeout);
            await feed.PublishAsync(change, timeout.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Redis did not take it: monitors of this nick see the change on their next MONITOR S.
        }
    }
}
