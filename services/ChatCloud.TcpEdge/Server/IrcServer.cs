using System.Globalization;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.History;
using ChatCloud.TcpEdge.Rooms;
using Microsoft.Extensions.Options;

namespace ChatCloud.TcpEdge.Server;

/// <summary>What all connections of this edge share: identity, limits, the nick registry.</summary>
public sealed class IrcServer(
    IOptions<IrcServerOptions> options, TimeProvider timeProvider, IEventPublisher publisher, IRoomHistory history, IAccountService accounts,
    INickDirectory nickDirectory, IRoomAuthority roomAuthority,
    Presence.IPresenceFeed presence, BestEffortPublisher? activity = null, RoomSubscriptions? roomSubscriptions = null)
{
    public const int NickLength = 30;
    public const int ChannelLength = 50;

    /// <summary>The longest topic kept (the authority cuts to the same).</summary>
    public const int TopicLength = 390;

    public IrcServerOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = timeProvider;
    public NickRegistry Nicks { get; } = new();

    /// <summary>The hosts users are shown with (cloaks, not addresses).</summary>
    public HostCloaks Cloaks { get; } = new(options.Value.Cloaks);

    /// <summary>Nicks across every edge; <see cref="Nicks"/> is this edge's part of it.</summary>
    public INickDirectory NickDirectory { get; } = nickDirectory;

    public ConnectionLimiter Connections { get; } = new(options);

    /// <summary>MONITOR lists of this edge's sessions, told of nicks coming and going on every edge.</summary>
    public Presence.MonitorRegistry Monitors { get; } = new(options.Value, presence);

    /// <summary>Shows AWAY and SETNAME changes to the people sharing a room with the user, on every edge.</summary>
    public Presence.RoomMates RoomMates => _roomMates ??= new Presence.RoomMates(this, presence);
    private Presence.RoomMates? _roomMates;
    public RoomRegistry Rooms { get; } = new();

    /// <summary>The rooms whose events the broker sends this edge; null in unit tests (no broker).</summary>
    public RoomSubscriptions? RoomSubscriptions { get; } = roomSubscriptions;

    /// <summary>Where room commands are decided: the messages service (rooms here are its replicas).</summary>
    public IRoomAuthority RoomAuthority { get; } = roomAuthority;

    /// <summary>Quits the authority did not take at once, tried again until it does.</summary>
    public QuitRetries QuitRetries { get; } = new(roomAuthority, timeProvider);

    /// <summary>Set when the edge begins to stop: its members quit all at once, not one request per connection.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>Where posts go: the messages service stores them before anyone sees them.</summary>
    public IEventPublisher Publisher { get; } = publisher;

    /// <summary>What users do, for analytics and recommendations (issue 7): queued, never waited for; null in unit tests.</summary>
    public BestEffortPublisher? Activity { get; } = activity;

    /// <summary>Where CHATHISTORY asks: the history service, over HTTP.</summary>
    public IRoomHistory History { get; } = history;

    /// <summary>Where passwords are checked and accounts created: the auth service.</summary>
    public IAccountService Accounts { get; } = accounts;

    /// <summary>The one ordered stream every post of this edge leaves by.</summary>
    public PostSender Posts { get; } = new(publisher);

    /// <summary>Posts (and TAGMSGs) this edge sent and has not yet seen come back, so their authors are not sent their own line.</summary>
    public PendingPosts Pending => Posts.Pending;
    public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();
    public string Name => Options.ServerName;
    public string Version { get; } = "chatcloud-" + (typeof(IrcServer).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>RPL_ISUPPORT tokens (docs/protocol.md lists what each means here).</summary>
    public IReadOnlyList<string> SupportTokens { get; } =
    [
        $"AWAYLEN={Commands.UserQueryCommands.AwayLength.ToString(CultureInfo.InvariantCulture)}",
        "CASEMAPPING=rfc1459",
        $"CHANLIMIT=#:{options.Value.MaxRoomsPerUser.ToString(CultureInfo.InvariantCulture)}",
        "CHANMODES=b,k,l,imnst",
        "CHANTYPES=#",
        $"CHANNELLEN={ChannelLength.ToString(CultureInfo.InvariantCulture)}",
        $"CHATHISTORY={RoomHistoryLimits.MaxMessages.ToString(CultureInfo.InvariantCulture)}",
        "ELIST=MU",
        "MAXLIST=b:100",
        "MODES=20",
        $"MONITOR={options.Value.MonitorLimit.ToString(CultureInfo.InvariantCulture)}",
        "MSGREFTYPES=timestamp,msgid",
        $"NETWORK={options.Value.NetworkName}",
        $"NAMELEN={Commands.UserQueryCommands.RealNameLength.ToString(CultureInfo.InvariantCulture)}",
        $"NICKLEN={NickLength.ToString(CultureInfo.InvariantCulture)}",
        "PREFIX=(ov)@+",
        $"TOPICLEN={TopicLength.ToString(CultureInfo.InvariantCulture)}",
        "UTF8ONLY",
        "WHOX",
    ];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<IrcSession, byte> _sessions = new();

    /// <summary>Connections open on this edge, registered or not.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Every open connection, registered or not (one still between SASL and <c>CAP END</c> has an account already).</summary>
    public IEnumerable<IrcSession> OpenSessions => _sessions.Keys;

    private int _maxUsers;

    /// <summary>The most registered users seen at once on this edge since it started.</summary>
    public int MaxUsers => Volatile.Read(ref _maxUsers);

    /// <summary>Called when a session completes registration.</summary>
    public void Registered()
    {
        var users = Nicks.Count;
        int seen;
        while (users > (seen = Volatile.Read(ref _maxUsers)) && Interlocked.CompareExchange(ref _maxUsers, users, seen) != seen)
        {
        }
    }

    public void Track(IrcSession session) => _sessions.TryAdd(session, 0);

    public void Untrack(IrcSession session) => _sessions.TryRemove(session, out _);

    /// <summary>Closes every connection with <paramref name="reason"/>; each flushes what it is owed first.</summary>
    public void CloseAll(string reason)
    {
        IsStopping = true;
        foreach (var session in _sessions.Keys)
        {
            session.Close(reason);
        }
    }

    public bool IsValidNick(string nick) => IrcCaseMapping.IsValidNickname(nick, NickLength);
}
