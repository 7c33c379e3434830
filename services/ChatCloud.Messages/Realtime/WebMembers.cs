using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messages.Rooms;
using ChatCloud.Messaging;
using ChatCloud.Presence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// The accounts on this instance's web edge, their tabs and their rooms (docs/web-realtime.md). An
/// account is one member: its first tab claims its nick in the nick directory, every tab shares its
/// rooms, and it quits when its last tab has been gone for <see cref="RealtimeOptions.QuitGrace"/>.
/// </summary>
internal sealed partial class WebMembers(
    INickDirectory nicks, MemberPresence presence, MessagingInstance instance, IHubContext<ChatHub> hub, TimeProvider time,
    IOptions<RealtimeOptions> options, ILogger<WebMembers> logger)
{
    /// <summary>The host every web member shows on IRC (<c>alice!alice@web</c>): where it connects from, not its address.</summary>
    public const string Host = "web";

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, WebMember> _members = [];
    private readonly Dictionary<string, WebConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WebMember>> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebMember> _byNick = new(StringComparer.Ordinal);

    /// <summary>This instance as an edge: the <c>Edge</c> of its members, and the key its heartbeat keeps.</summary>
    public string Edge => instance.Id;

    /// <summary>
    /// A tab opened: its account's member (claiming the nick for a first tab) gains a connection.
    /// Null when neither the account name nor its web form (<c>name|w</c>) can be had.
    /// </summary>
    public async Task<WebConnection?> ConnectAsync(HubCallerContext context, Guid accountId, string account, CancellationToken cancellationToken)
    {
        WebMember? member;
        lock (_lock)
        {
            member = _members.GetValueOrDefault(accountId);
        }
        member ??= await CreateAsync(accountId, account, cancellationToken);
        if (member is null)
        {
            return null;
        }
        var connection = new WebConnection(context, member, options.Value.ConnectionQueueLength, options.Value.ResyncGrace);
        lock (_lock)
        {
            member.Connections.Add(connection);
            member.PendingQuit?.Cancel();
            member.PendingQuit = null;
            _connections[connection.Id] = connection;
        }
        _ = connection.PumpAsync(hub.Clients).ContinueWith(
            pump => LogPumpStopped(logger, pump.Exception, connection.Id), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return connection;
    }

    private async Task<WebMember?> CreateAsync(Guid accountId, string account, CancellationToken cancellationToken)
    {
        var session = accountId.ToString("N");
        // The account's own name, unless it is held elsewhere (the same person on IRC under it, or a
        // guest): then its web form, so two members never share a nick in a room.
        foreach (var nick in new[] { account, account + "|w" })
        {
            if (!IrcCaseMapping.IsValidNickname(nick, 30) || !await nicks.TryClaimAsync(nick, session, cancellationToken))
            {
                continue;
            }
            var member = new WebMember(accountId, account, nick, Edge, new SendRate(options.Value, time)) { SignedOnAt = time.GetUtcNow() };
            await nicks.PublishAsync(member.ToDirectoryUser(), cancellationToken);
            lock (_lock)
            {
                // Two first tabs at once: the one that got here first is the member.
                if (_members.TryGetValue(accountId, out var existing))
                {
                    return existing;
                }
                _members[accountId] = member;
                _byNick[IrcCaseMapping.Rfc1459.Fold(nick)] = member;
                return member;
            }
        }
        return null;
    }

    /// <summary>A tab closed. The last one schedules the member's QUIT, which a tab coming back in time cancels.</summary>
    public void Disconnect(string connectionId)
    {
        WebMember member;
        CancellationTokenSource pending;
        lock (_lock)
        {
            if (!_connections.Remove(connectionId, out var connection))
            {
                return;
            }
            connection.Complete();
            member = connection.Member;
            member.Connections.Remove(connection);
            if (member.Connections.Count > 0)
            {
                return;
            }
            pending = new CancellationTokenSource();
            member.PendingQuit = pending;
        }
        _ = QuitLaterAsync(member, pending.Token);
    }

    /// <summary>
    /// The account signed out everywhere, changed its password or was deleted: every tab is closed
    /// now and the member quits its rooms at once with <paramref name="reason"/>, without the grace a
    /// closed tab gets. A tab that reconnects with a revoked token is refused by the token check.
    /// </summary>
    public async Task RevokeAsync(Guid accountId, string reason)
    {
        WebMember? member;
        lock (_lock)
        {
            if (!_members.TryGetValue(accountId, out member))
            {
                return;
            }
            foreach (var connection in member.Connections)
            {
                _connections.Remove(connection.Id);
                connection.Close();
            }
            member.Connections.Clear();
            member.PendingQuit?.Cancel();
            member.PendingQuit = null;
        }
        await QuitAsync(member, reason);
    }

    private async Task QuitLaterAsync(WebMember member, CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(options.Value.QuitGrace, time, cancelled);
        }
        catch (OperationCanceledException)
        {
            return; // a tab came back
        }
        await QuitAsync(member, "Web session closed");
    }

    private async Task QuitAsync(WebMember member, string reason)
    {
        lock (_lock)
        {
            if (member.Connections.Count > 0 || !_members.Remove(member.AccountId))
            {
                return;
            }
            _byNick.Remove(IrcCaseMapping.Rfc1459.Fold(member.Nick));
            foreach (var room in member.Rooms.Keys.ToList())
            {
                Leave(member, room);
            }
        }
        try
        {
            using var deadline = new CancellationTokenSource(options.Value.AuthorityTimeout);
            await presence.QuitAsync(new QuitRequest(member.Actor, reason), deadline.Token);
            await nicks.ReleaseAsync(member.Nick, member.AccountId.ToString("N"), deadline.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The sweeper quits members of a dead edge; for a live one, the next JOIN adopts the row.
            LogQuitFailed(logger, exception, member.Nick);
        }
    }

    public WebConnection? Find(string connectionId)
    {
        lock (_lock)
        {
            return _connections.GetValueOrDefault(connectionId);
        }
    }

    /// <summary>The member holding <paramref name="nick"/> here (INVITE, direct messages and tags to it), if any.</summary>
    public WebMember? FindByNick(string nick)
    {
        lock (_lock)
        {
            return _byNick.GetValueOrDefault(IrcCaseMapping.Rfc1459.Fold(nick));
        }
    }

    /// <summary>The member of account <paramref name="accountId"/> here, if any.</summary>
    public WebMember? FindByAccount(Guid accountId)
    {
        lock (_lock)
        {
            return _members.GetValueOrDefault(accountId);
        }
    }

    /// <summary>The member's open tabs, for a notice to all of them.</summary>
    public List<WebConnection> ConnectionsOf(WebMember member)
    {
        lock (_lock)
        {
            return [.. member.Connections];
        }
    }

    /// <summary>Every member of <paramref name="foldedRoom"/> here.</summary>
    public List<WebMember> MembersIn(string foldedRoom)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(foldedRoom, out var members) ? [.. members] : [];
        }
    }

    /// <summary>Whether any member here is in <paramref name="foldedRoom"/> (the room cache keeps only those rooms).</summary>
    public bool AnyIn(string foldedRoom)
    {
        lock (_lock)
        {
            return _rooms.ContainsKey(foldedRoom);
        }
    }

    /// <summary>The member is in <paramref name="room"/> now (its JOIN was taken).</summary>
    public void Joined(WebMember member, string room)
    {
        var folded = IrcCaseMapping.Rfc1459.Fold(room);
        lock (_lock)
        {
            member.Rooms[folded] = room;
            if (!_rooms.TryGetValue(folded, out var members))
            {
                _rooms[folded] = members = [];
            }
            members.Add(member);
        }
    }

    /// <summary>The member left <paramref name="room"/> (PART, KICK).</summary>
    public void Left(WebMember member, string room)
    {
        lock (_lock)
        {
            Leave(member, IrcCaseMapping.Rfc1459.Fold(room));
        }
    }

    public bool IsIn(WebMember member, string room)
    {
        lock (_lock)
        {
            return member.Rooms.ContainsKey(IrcCaseMapping.Rfc1459.Fold(room));
        }
    }

    /// <summary>The rooms the member is in, by name.</summary>
    public IReadOnlyList<string> RoomsOf(WebMember member)
    {
        lock (_lock)
        {
            return [.. member.Rooms.Values];
        }
    }

    /// <summary>Every tab of every member of <paramref name="foldedRoom"/>, and the member holding <paramref name="nick"/> there if any.</summary>
    public (List<WebConnection> Connections, WebMember? Named) ConnectionsIn(string foldedRoom, string? nick = null)
    {
        lock (_lock)
        {
            List<WebConnection> connections = [];
            WebMember? named = null;
            if (_rooms.TryGetValue(foldedRoom, out var members))
            {
                foreach (var member in members)
                {
                    connections.AddRange(member.Connections);
                    if (nick is not null && IrcCaseMapping.Rfc1459.Equals(member.Nick, nick))
                    {
                        named = member;
                    }
                }
            }
            return (connections, named);
        }
    }

    /// <summary>Every member, for a graceful stop.</summary>
    public IReadOnlyList<WebMember> All()
    {
        lock (_lock)
        {
            return [.. _members.Values];
        }
    }

    private void Leave(WebMember member, string folded)
    {
        member.Rooms.Remove(folded);
        if (_rooms.TryGetValue(folded, out var members) && members.Remove(member) && members.Count == 0)
        {
            _rooms.Remove(folded);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to web connection {Connection} stopped")]
    private static partial void LogPumpStopped(ILogger logger, Exception? exception, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web member {Nick} could not be quit from its rooms")]
    private static partial void LogQuitFailed(ILogger logger, Exception exception, string nick);
}
