using System.Net;
using ChatCloud.Irc;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Connections;

namespace ChatCloud.TcpEdge.Server;

/// <summary>
/// One client connection's state. Touched only by that connection's read loop, except
/// <see cref="Send(ReadOnlyMemory{byte})"/>, which any sender may call.
/// </summary>
public sealed class IrcSession(IrcServer server, OutboundQueue outbound, IPEndPoint? remote, bool isTls)
{
    private static long s_sessions;

    public IrcServer Server { get; } = server;

    /// <summary>Names this connection on this edge (the nick directory pairs it with the edge).</summary>
    public string Id { get; } = Interlocked.Increment(ref s_sessions).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This connection, unique across the suite: the edge and the session, as sign-in and sign-out events name it.</summary>
    public string ConnectionName => $"{Server.RoomAuthority.Edge}/{Id}";
    public IPEndPoint? Remote { get; } = remote;
    public bool IsTls { get; } = isTls;

    /// <summary>The client's address: for limits, the auth service's rate limits, logs and the user's own WHOIS; never shown to others.</summary>
    public string Address { get; } = (remote?.Address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : remote?.Address)?.ToString() ?? "unknown";

    /// <summary>The host others see (<see cref="HostCloaks"/>): the address's cloak, then the account's once logged in.</summary>
    public string Host { get; private set; } = server.Cloaks.ForAddress(remote?.Address);

    /// <summary>Takes the account's cloak; returns the host it had when that changed it, else null.</summary>
    public string? TakeAccountHost(string account)
    {
        if (Server.Cloaks.ForAccount(account) is not { } cloak || cloak == Host)
        {
            return null;
        }
        var previous = Host;
        Host = cloak;
        return previous;
    }

    public string? Nick { get; set; }
    public string? UserName { get; set; }
    public string? RealName { get; set; }

    /// <summary>The AWAY message, or null while present.</summary>
    public string? Away { get; set; }

    /// <summary>When registration completed (WHOIS 317's signon).</summary>
    public DateTimeOffset SignedOnAt { get; set; }
    public bool IsRegistered { get; set; }

    /// <summary>The account this connection is logged in to (SASL, PASS or REGISTER); null for a guest.</summary>
    public AccountIdentity? Account { get; set; }

    /// <summary>An AUTHENTICATE exchange in progress, if any.</summary>
    public SaslExchange Sasl { get; } = new();

    /// <summary>From PASS before registration, checked when registration completes; cleared once used.</summary>
    public PassCredentials? Pass { get; set; }

    /// <summary>Password checks and sign-ups asked of the auth service so far (<c>Irc:MaxAuthenticationAttempts</c>).</summary>
    public int AuthenticationAttempts { get; set; }

    /// <summary>Set by CAP LS/REQ: registration waits for CAP END (IRCv3 capability negotiation).</summary>
    public bool CapNegotiating { get; set; }
    private int _capabilities;

    /// <summary>Enabled capabilities. Written by the connection's own CAP commands, read by any delivering thread.</summary>
    public Capabilities Capabilities
    {
        get => (Capabilities)Volatile.Read(ref _capabilities);
        set => Volatile.Write(ref _capabilities, (int)value);
    }

    public bool Has(Capabilities capability) => (Capabilities & capability) == capability;

    /// <summary>
    /// Set once this connection asks the room authority to JOIN anything: from then on the authority
    /// may list it in rooms (even one whose answer never arrived), so it is told of nick changes and the quit.
    /// </summary>
    public bool HasAskedForRooms { get; set; }

    /// <summary>User mode <c>+i</c>: hidden from WHO by people who share no room with it.</summary>
    public bool Invisible { get; set; }

    private string? _lastShared;

    /// <summary>
    /// False when the event that <paramref name="key"/> names (a QUIT, a nick change) was shown to
    /// this client already: it comes once per room the user was in. Called by the delivering consumer only.
    /// </summary>
    public bool FirstTimeShown(string key)
    {
        if (string.Equals(_lastShared, key, StringComparison.Ordinal))
        {
            return false;
        }
        _lastShared = key;
        return true;
    }

    /// <summary>Names of the rooms this session is in (changed under the room registry's lock).</summary>
    public HashSet<string> Rooms { get; } = new(ChatCloud.Irc.IrcCaseMapping.Rfc1459);

    private string? _quitReason;

    /// <summary>Why the connection is closing, once it is; the read loop stops at the next line.</summary>
    public string? QuitReason => Volatile.Read(ref _quitReason);

    /// <summary>The target of numerics: the nick, or "*" before there is one (Modern IRC).</summary>
    public string Target => Nick ?? "*";

    public string Prefix => $"{Nick}!{UserName}@{Host}";

    /// <summary>The nick mask of RPL_LOGGEDIN, which may come before NICK and USER.</summary>
    public string Mask => $"{Nick ?? "*"}!{UserName ?? "*"}@{Host}";

    /// <summary>This connection as the room authority knows it: the nick on this edge's session.</summary>
    public Contracts.Rooms.RoomActor ToRoomActor() =>
        new(Nick!, UserName!, Host, Account?.Id, Server.RoomAuthority.Edge, Id, Account?.Name);

    /// <summary>This user as the nick directory tells other edges of it.</summary>
    public DirectoryUser ToDirectoryUser() => new(Nick!, UserName!, Host, RealName ?? "", Account?.Name, Away, SignedOnAt);

    public void Send(ReadOnlyMemory<byte> line) => Send(line, wake: true);

    /// <summary>
    /// Queues a line without waking the writer, for a sender that queues many lines and then calls
    /// <see cref="Wake"/> once (the fan-out of a batch of stored messages).
    /// </summary>
    public void Queue(ReadOnlyMemory<byte> line) => Send(line, wake: false);

    /// <summary>Has the writer send what <see cref="Queue"/> queued.</summary>
    public void Wake() => outbound.Wake();

    private void Send(ReadOnlyMemory<byte> line, bool wake)
    {
        if (LabeledResponse.Current is { } response && response.Captures(this))
        {
            response.Add(line);
            return;
        }
        Enqueue(line, wake);
    }

    /// <summary>Sends past the labeled response being written (it sends its own lines this way).</summary>
    internal void SendNow(ReadOnlyMemory<byte> line) => Enqueue(line, wake: true);

    private void Enqueue(ReadOnlyMemory<byte> line, bool wake)
    {
        if (!outbound.TryEnqueue(line, wake) && QuitReason is null)
        {
            // The client is not reading: dropping lines silently would lose messages, so it goes.
            Close("SendQ exceeded");
        }
    }

    public void Send(in IrcMessage message) => Send(IrcWriter.GetBytes(message));

    /// <summary>A line answering a labeled command later (IRCv3 labeled-response), tagged with its label if it had one.</summary>
    public void Send(in IrcMessage message, string? label) =>
        Send(label is null ? message : message.WithTags([new IrcTag("label", label), .. message.Tags]));

    /// <summary>
    /// A numeric reply from the server: <c>:server NNN target params…</c>. Middle parameters often echo
    /// what the client sent (a nick, a command); one that could not be written as a middle parameter
    /// becomes "*" and a long one is cut, so a reply can never be malformed or over-long.
    /// </summary>
    public void Reply(string numeric, params string[] parameters)
    {
        var safe = new string[parameters.Length + 1];
        safe[0] = Target;
        for (var i = 0; i < parameters.Length; i++)
        {
            safe[i + 1] = i == parameters.Length - 1 ? parameters[i] : SafeMiddleParameter(parameters[i]);
        }
        Send(new IrcMessage(Server.Name, numeric, safe));
    }

    private static string SafeMiddleParameter(string value)
    {
        const int MaxEchoed = 64;
        if (value.Length == 0 || value[0] == ':' || value.AsSpan().IndexOfAny(" \r\n\0") >= 0)
        {
            return "*";
        }
        return value.Length <= MaxEchoed ? value : value[..MaxEchoed];
    }

    /// <summary>An IRCv3 standard reply: <c>FAIL command CODE [context…] :description</c>.</summary>
    public void Fail(string command, string code, string description) =>
        Send(new IrcMessage(Server.Name, "FAIL", [command, code, description]));

    /// <summary>A standard reply whose context echoes client input, made safe as <see cref="Reply"/> does.</summary>
    public void Fail(string command, string code, IReadOnlyList<string> context, string description) =>
        Send(new IrcMessage(Server.Name, "FAIL", [command, code, .. context.Select(SafeMiddleParameter), description]));

    /// <summary>A standard reply with one context parameter (<c>FAIL REGISTER ACCOUNT_EXISTS alice :…</c>), made safe as in <see cref="Reply"/>.</summary>
    public void Fail(string command, string code, string context, string description) =>
        Send(new IrcMessage(Server.Name, "FAIL", [command, code, SafeMiddleParameter(context), description]));

    private readonly Dictionary<string, long> _conversations = new(StringComparer.Ordinal);

    /// <summary>
    /// True the first time this connection is handed <paramref name="sequence"/> of a conversation, or
    /// a later one; false for one it was handed already (the relay may send a batch twice).
    /// </summary>
    public bool TryAdvanceConversation(string conversation, long sequence)
    {
        lock (_conversations)
        {
            if (_conversations.TryGetValue(conversation, out var delivered) && delivered >= sequence)
            {
                return false;
            }
            _conversations[conversation] = sequence;
            return true;
        }
    }

    private int _batches;

    /// <summary>
    /// A batch reference tag no other open batch of this connection uses (IRCv3 batch: letters,
    /// digits, <c>-</c> and <c>_</c>, unique on the connection while the batch is open).
    /// </summary>
    public string NextBatchId() => "b" + Interlocked.Increment(ref _batches).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sends ERROR, lets the queue drain, and ends the connection. Safe from any thread; the first reason wins.</summary>
    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _quitReason, reason, null) is not null)
        {
            return;
        }
        // A labeled command that closes the connection (QUIT) is answered by ERROR, so ERROR carries
        // the label; lines of its answer already sent go out before it.
        var label = LabeledResponse.Current is { } response && response.Captures(this) ? response.End(acknowledge: false) : null;
        var error = new IrcMessage("ERROR", [$"Closing Link: {Address} ({reason})"]);
        outbound.TryEnqueue(IrcWriter.GetBytes(label is null ? error : error.WithTags([new IrcTag("label", label)])));
        outbound.Complete();
    }
}
