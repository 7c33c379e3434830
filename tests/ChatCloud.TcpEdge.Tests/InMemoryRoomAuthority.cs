using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// The room authority's core rules in memory, for unit tests of the edge: rooms created on first
/// JOIN with their creator as operator, PART, TOPIC (+t), KICK (operators), flag modes, QUIT and
/// NICK, each appended to the room's stream and handed to every attached edge's delivery, as the
/// bus would — before the command's answer, the order that races hardest. The real authority, with
/// keys, bans, limits and invitations, is tested against PostgreSQL in the integration tests.
/// </summary>
internal sealed class InMemoryRoomAuthority(string edge = "edge") : IRoomAuthority
{
    private sealed class Room(string name)
    {
        public string Name { get; } = name;
        public long Sequence { get; set; }
        public string Modes { get; set; } = "nt";
        public RoomTopic? Topic { get; set; }
        public Dictionary<string, RoomMember> Members { get; } = new(IrcCaseMapping.Rfc1459);
        public Dictionary<string, MessageStored> Messages { get; } = new(StringComparer.Ordinal);
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Room> _rooms = new(IrcCaseMapping.Rfc1459);
    private readonly List<IrcServer> _edges = [];

    public string Edge { get; } = edge;

    /// <summary>When set, every call goes unanswered, as when the messages service is down.</summary>
    public bool Unreachable { get; set; }

    public void Attach(IrcServer server)
    {
        lock (_gate)
        {
            _edges.Add(server);
        }
    }

    /// <summary>A stored message in the room's stream, as the messages service would append it for a post.</summary>
    public Task StoreAsync(PostRequested post, DateTimeOffset? time = null, string msgid = "01jdxyz")
    {
        MessageStored stored;
        lock (_gate)
        {
            var room = _rooms[post.Room];
            stored = new MessageStored(msgid, post.Id, room.Name, post.AuthorAccountId, post.AuthorNick, post.AuthorUser, post.AuthorHost,
                post.Kind, post.Text, post.ClientTags, time ?? DateTimeOffset.UtcNow, ++room.Sequence, AuthorAccount: post.AuthorAccount);
            room.Messages[msgid] = stored;
        }
        return DeliverAsync(stored);
    }

    public async Task<RoomAnswer<JoinResult>> JoinAsync(string name, JoinRequest request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            return RoomAnswer.Unavailable<JoinResult>();
        }
        MessageStored stored;
        RoomSnapshot snapshot;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(name, out var room))
            {
                _rooms[name] = room = new Room(name);
            }
            if (room.Members.ContainsKey(request.Actor.Nick))
            {
                return RoomAnswer.Done(new JoinResult(Snapshot(room), AlreadyMember: true));
            }
            room.Members[request.Actor.Nick] = new RoomMember(request.Actor.Nick, request.Actor.User, request.Actor.Host,
                request.Actor.AccountId, room.Members.Count == 0 ? "o" : "", request.Actor.Account);
            stored = Event(room, request.Actor, "JOIN", request.RealName ?? "", [request.Actor.Account ?? "*"]);
            snapshot = Snapshot(room);
        }
        await DeliverAsync(stored);
        return RoomAnswer.Done(new JoinResult(snapshot, AlreadyMember: false));
    }

    public Task<RoomAnswer<bool>> PartAsync(string name, PartRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(name, request.Actor, room => room.Members.Remove(request.Actor.Nick)
            ? (Event(room, request.Actor, "PART", request.Reason ?? "", null), null)
            : (null, Refusal(Numerics.ERR_NOTONCHANNEL, "You're not on that channel")));

    public Task<RoomAnswer<bool>> TopicAsync(string name, TopicRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(name, request.Actor, room =>
        {
            if (!room.Members.TryGetValue(request.Actor.Nick, out var member))
            {
                return (null, Refusal(Numerics.ERR_NOTONCHANNEL, "You're not on that channel"));
            }
            if (room.Modes.Contains('t', StringComparison.Ordinal) && !member.Prefixes.Contains('o', StringComparison.Ordinal))
            {
                return (null, Refusal(Numerics.ERR_CHANOPRIVSNEEDED, "You're not channel operator"));
            }
            room.Topic = request.Topic.Length == 0 ? null : new RoomTopic(request.Topic, $"{request.Actor.Nick}!{request.Actor.User}@{request.Actor.Host}", DateTimeOffset.UtcNow);
            return (Event(room, request.Actor, "TOPIC", request.Topic, null), null);
        });

    public Task<RoomAnswer<bool>> KickAsync(string name, KickRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(name, request.Actor, room =>
        {
            if (!room.Members.TryGetValue(request.Actor.Nick, out var member))
            {
                return (null, Refusal(Numerics.ERR_NOTONCHANNEL, "You're not on that channel"));
            }
            if (!member.Prefixes.Contains('o', StringComparison.Ordinal))
            {
                return (null, Refusal(Numerics.ERR_CHANOPRIVSNEEDED, "You're not channel operator"));
            }
            if (!room.Members.Remove(request.Target, out var target))
            {
                return (null, Refusal(Numerics.ERR_USERNOTINCHANNEL, "They aren't on that channel"));
            }
            return (Event(room, request.Actor, "KICK", request.Reason ?? "", [target.Nick]), null);
        });

    public Task<RoomAnswer<ModeResult>> ModesAsync(string name, ModeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RoomAnswer.Refused<ModeResult>(Refusal(Numerics.ERR_UNKNOWNMODE, "is unknown mode char to me")));

    public Task<RoomAnswer<bool>> InviteAsync(string name, InviteRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(name, request.Actor, room => (Event(room, request.Actor, "INVITE", "", [request.Target]), null));

    public Task<RoomAnswer<RoomSnapshot>> FindAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Unreachable ? RoomAnswer.Unavailable<RoomSnapshot>()
                : _rooms.TryGetValue(name, out var room) ? RoomAnswer.Done(Snapshot(room))
                : RoomAnswer.Refused<RoomSnapshot>(Refusal(Numerics.ERR_NOSUCHCHANNEL, "No such channel")));
        }
    }

    /// <summary>Sets a room's flag modes directly, as a MODE the real authority checked would (e.g. <c>nts</c>).</summary>
    public void SetModes(string name, string modes)
    {
        lock (_gate)
        {
            _rooms[name].Modes = modes;
        }
    }

    public Task<RoomAnswer<List<RoomListing>>> ListAsync(RoomListQuery query, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            return Task.FromResult(RoomAnswer.Unavailable<List<RoomListing>>());
        }
        lock (_gate)
        {
            return Task.FromResult(RoomAnswer.Done(_rooms.Values
                .Where(r => r.Members.Count > 0 && r.Members.Count >= query.Min && r.Members.Count <= query.Max)
                .Where(r => query.Masks.Count == 0 || query.Masks.Any(mask => IrcMask.Matches(mask, r.Name, IrcCaseMapping.Rfc1459)))
                .Where(r => !r.Modes.Contains('s', StringComparison.Ordinal) || r.Members.ContainsKey(query.Asker))
                .OrderBy(r => IrcCaseMapping.Rfc1459.Fold(r.Name), StringComparer.Ordinal)
                .Select(r => new RoomListing(r.Name, r.Members.Count, r.Topic?.Text ?? "", r.Modes.Contains('s', StringComparison.Ordinal)))
                .ToList()));
        }
    }

    public async Task<RoomAnswer<bool>> QuitAsync(QuitRequest request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            return RoomAnswer.Unavailable<bool>();
        }
        List<MessageStored> events = [];
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            foreach (var room in _rooms.Values.Where(r => r.Members.Remove(request.Actor.Nick)))
            {
                events.Add(Event(room, request.Actor, "QUIT", request.Reason, null) with { ServerTime = now });
            }
        }
        foreach (var stored in events)
        {
            await DeliverAsync(stored);
        }
        return RoomAnswer.Done(true);
    }

    public async Task<RoomAnswer<bool>> RenameAsync(RenameRequest request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            return RoomAnswer.Unavailable<bool>();
        }
        List<MessageStored> events = [];
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            foreach (var room in _rooms.Values.Where(r => r.Members.ContainsKey(request.Actor.Nick)))
            {
                room.Members.Remove(request.Actor.Nick, out var member);
                room.Members[request.NewNick] = member! with { Nick = request.NewNick };
                events.Add(Event(room, request.Actor, "NICK", "", [request.NewNick]) with { ServerTime = now });
            }
        }
        foreach (var stored in events)
        {
            await DeliverAsync(stored);
        }
        return RoomAnswer.Done(true);
    }

    public Task<RoomAnswer<bool>> ChangeHostAsync(HostChangeRequest request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            return Task.FromResult(RoomAnswer.Unavailable<bool>());
        }
        lock (_gate)
        {
            foreach (var room in _rooms.Values.Where(r => r.Members.ContainsKey(request.Actor.Nick)))
            {
                room.Members[request.Actor.Nick] = room.Members[request.Actor.Nick] with { Host = request.NewHost };
            }
        }
        return Task.FromResult(RoomAnswer.Done(true));
    }

    public Task<RoomAnswer<bool>> QuitEdgeAsync(string reason, CancellationToken cancellationToken) => Task.FromResult(RoomAnswer.Done(true));

    /// <summary>How long an author may redact their message; operators have no limit (the service's defaults).</summary>
    public TimeSpan AuthorWindow { get; set; } = TimeSpan.FromDays(1);

    public Task<RoomAnswer<bool>> RedactAsync(string name, RedactRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(name, request.Actor, room =>
        {
            if (!room.Members.TryGetValue(request.Actor.Nick, out var member))
            {
                return (null, Refusal("INVALID_TARGET", "You cannot delete messages from that target"));
            }
            if (!room.Messages.TryGetValue(request.MessageId, out var message))
            {
                return (null, Refusal("UNKNOWN_MSGID", "This message does not exist or is too old"));
            }
            var isOperator = member.Prefixes.Contains('o', StringComparison.Ordinal);
            var isAuthor = message.AuthorAccountId is { } account
                ? request.Actor.AccountId == account
                : request.Actor.AccountId is null && IrcCaseMapping.Rfc1459.Equals(request.Actor.Nick, message.AuthorNick);
            if (!isOperator && !isAuthor)
            {
                return (null, Refusal("REDACT_FORBIDDEN", "You are not authorised to delete this message"));
            }
            if (!isOperator && DateTimeOffset.UtcNow - message.ServerTime > AuthorWindow)
            {
                return (null, new RoomRefused("REDACT_WINDOW_EXPIRED", "You can no longer delete this message",
                    ((long)AuthorWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            room.Messages.Remove(request.MessageId);
            return (Event(room, request.Actor, "REDACT", request.Reason ?? "", [request.MessageId]), null);
        });

    /// <summary>What the next direct REDACT is answered (the messages service decides; its integration tests cover how).</summary>
    public RoomAnswer<bool> DirectRedaction { get; set; } = RoomAnswer.Done(true);

    public List<DirectRedactRequest> DirectRedactions { get; } = [];

    public Task<RoomAnswer<bool>> RedactDirectAsync(DirectRedactRequest request, CancellationToken cancellationToken)
    {
        DirectRedactions.Add(request);
        return Task.FromResult(DirectRedaction);
    }

    private readonly Dictionary<(Guid, string), DateTimeOffset> _readMarkers = [];

    public Task<RoomAnswer<ReadMarker>> GetReadMarkerAsync(Guid account, string target, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Unreachable ? RoomAnswer.Unavailable<ReadMarker>()
                : RoomAnswer.Done(new ReadMarker(target, _readMarkers.TryGetValue((account, IrcCaseMapping.Rfc1459.Fold(target)), out var at) ? at : null)));
        }
    }

    public async Task<RoomAnswer<ReadMarker>> SetReadMarkerAsync(Guid account, ReadMarkerRequest request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            return RoomAnswer.Unavailable<ReadMarker>();
        }
        DateTimeOffset kept;
        bool moved;
        lock (_gate)
        {
            var key = (account, IrcCaseMapping.Rfc1459.Fold(request.Target));
            moved = !_readMarkers.TryGetValue(key, out var current) || current < request.ReadAt;
            kept = _readMarkers[key] = moved ? request.ReadAt : current;
        }
        if (moved)
        {
            var set = new ReadMarkerSet(account, request.Target, kept, request.Edge, request.Session);
            foreach (var server in Edges())
            {
                await new ReadMarkerDelivery(server).HandleAsync(set, null!, CancellationToken.None);
            }
        }
        return RoomAnswer.Done(new ReadMarker(request.Target, kept));
    }

    private IrcServer[] Edges()
    {
        lock (_gate)
        {
            return [.. _edges];
        }
    }

    private async Task<RoomAnswer<bool>> ChangeAsync(string name, RoomActor actor, Func<Room, (MessageStored?, RoomRefused?)> change)
    {
        if (Unreachable)
        {
            return RoomAnswer.Unavailable<bool>();
        }
        MessageStored? stored;
        RoomRefused? refused;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(name, out var room))
            {
                return RoomAnswer.Refused<bool>(Refusal(Numerics.ERR_NOSUCHCHANNEL, "No such channel"));
            }
            (stored, refused) = change(room);
        }
        if (refused is not null)
        {
            return RoomAnswer.Refused<bool>(refused);
        }
        await DeliverAsync(stored!);
        return RoomAnswer.Done(true);
    }

    private static RoomRefused Refusal(string numeric, string text) => new(numeric, text);

    private static MessageStored Event(Room room, RoomActor actor, string kind, string text, IReadOnlyList<string>? arguments) =>
        new(Guid.NewGuid().ToString("N"), Guid.NewGuid(), room.Name, actor.AccountId, actor.Nick, actor.User, actor.Host, kind, text, null,
            DateTimeOffset.UtcNow, ++room.Sequence, arguments, actor.Account);

    private static RoomSnapshot Snapshot(Room room) =>
        new(room.Name, room.Sequence, DateTimeOffset.UnixEpoch, room.Modes, null, null, room.Topic, [.. room.Members.Values]);

    private async Task DeliverAsync(MessageStored stored)
    {
        IrcServer[] edges;
        lock (_gate)
        {
            edges = [.. _edges];
        }
        foreach (var server in edges)
        {
            await new MessageStoredDelivery(server).HandleAsync(stored, null!, CancellationToken.None);
        }
    }
}
