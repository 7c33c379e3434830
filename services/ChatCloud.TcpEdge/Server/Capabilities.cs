namespace ChatCloud.TcpEdge.Server;

/// <summary>The IRCv3 capabilities a client may enable here (docs/protocol.md, "Capabilities").</summary>
[Flags]
public enum Capabilities
{
    None = 0,

    /// <summary>The client gets its own messages back once stored, as everyone else sees them.</summary>
    EchoMessage = 1 << 0,

    /// <summary>Lines carry <c>@time=</c>, the server's time of the event in UTC with milliseconds.</summary>
    ServerTime = 1 << 1,

    /// <summary>Lines may carry tags: <c>msgid</c> on stored messages, and the client-only tags their authors sent.</summary>
    MessageTags = 1 << 2,

    /// <summary>Replies that belong together (a CHATHISTORY answer) come between <c>BATCH +id</c> and <c>BATCH -id</c>.</summary>
    Batch = 1 << 3,

    /// <summary>IRCv3 draft/chathistory: the client asks for history rather than expecting it played back.</summary>
    ChatHistory = 1 << 4,
    /// <summary>AUTHENTICATE (IRCv3 sasl-3.1/3.2), mechanism PLAIN.</summary>
    Sasl = 1 << 5,

    /// <summary>
    /// REGISTER (IRCv3 draft/account-registration). Informational: REGISTER works whether or not it
    /// was requested, as the spec's "presence signifies that the server accepts" reads.
    /// </summary>
    AccountRegistration = 1 << 6,

    /// <summary>
    /// CAP NEW / CAP DEL would tell of capabilities coming and going; ours are fixed while the edge
    /// runs, so none is ever sent. Enabled by <c>CAP LS 302</c> too, as IRCv3 says.
    /// </summary>
    CapNotify = 1 << 7,

    /// <summary>JOIN lines carry the joiner's account (or <c>*</c>) and real name.</summary>
    ExtendedJoin = 1 << 8,

    /// <summary>NAMES lists <c>nick!user@host</c> rather than bare nicks.</summary>
    UserhostInNames = 1 << 9,

    /// <summary>AWAY changes of people sharing a room are sent as <c>:nick!user@host AWAY [:message]</c>.</summary>
    AwayNotify = 1 << 10,

    /// <summary>SETNAME changes the real name; the client and people sharing a room who asked see <c>SETNAME</c>.</summary>
    SetName = 1 << 11,

    /// <summary>
    /// A command tagged <c>label=</c> is answered with that label: on its one line, on a
    /// <c>labeled-response</c> batch around several, or on <c>ACK</c> (IRCv3 labeled-response; needs batch).
    /// </summary>
    LabeledResponse = 1 << 12,

    /// <summary>NAMES and WHO show every prefix a member has (<c>@+alice</c>), highest first, not only the highest.</summary>
    MultiPrefix = 1 << 13,

    /// <summary>A room's operators see the INVITEs its members send (<c>:inviter INVITE target #room</c>).</summary>
    InviteNotify = 1 << 14,

    /// <summary>MARKREAD: the account's read positions, sent after a JOIN and when another of its connections moves one (IRCv3 draft/read-marker).</summary>
    ReadMarker = 1 << 15,

    /// <summary>REDACT of room messages is relayed to this client (IRCv3 draft/message-redaction); without it, nothing is.</summary>
    MessageRedaction = 1 << 16,

    /// <summary>
    /// CHATHISTORY plays back a room's JOIN, PART, QUIT, KICK, MODE, TOPIC and NICK events among its
    /// messages (IRCv3 chathistory, draft/event-playback); without it, PRIVMSG and NOTICE only.
    /// </summary>
    EventPlayback = 1 << 17,

    /// <summary>Lines of a logged-in user's messages and events carry <c>account=&lt;name&gt;</c> (IRCv3 account-tag).</summary>
    AccountTag = 1 << 18,

    /// <summary>When someone sharing a room logs in after registering, the client gets <c>:nick!user@host ACCOUNT &lt;name&gt;</c> (IRCv3 account-notify).</summary>
    AccountNotify = 1 << 19,

    /// <summary>When someone sharing a room (or the client itself) changes host, the client gets <c>:nick!user@oldhost CHGHOST user newhost</c> (IRCv3 chghost).</summary>
    ChgHost = 1 << 20,
}

public static class CapabilityNames
{
    /// <summary>The SASL mechanisms offered, as <c>sasl=</c> and RPL_SASLMECHS list them.</summary>
    public const string SaslMechanisms = "PLAIN,OAUTHBEARER";

    // Values are sent only to clients that asked with CAP LS 302 (IRCv3 capability negotiation 3.2).
    // account-registration: REGISTER works before connection registration (needed when an account is
    // required) and the account name may differ from the nick; email is optional.
    private static readonly (string Name, string? Value, Capabilities Flag)[] Known =
    [
        ("account-notify", null, Capabilities.AccountNotify),
        ("account-tag", null, Capabilities.AccountTag),
        ("away-notify", null, Capabilities.AwayNotify),
        ("batch", null, Capabilities.Batch),
        ("cap-notify", null, Capabilities.CapNotify),
        ("chghost", null, Capabilities.ChgHost),
        ("draft/account-registration", "before-connect,custom-account-name", Capabilities.AccountRegistration),
        ("draft/chathistory", null, Capabilities.ChatHistory),
        ("draft/event-playback", null, Capabilities.EventPlayback),
        ("draft/message-redaction", null, Capabilities.MessageRedaction),
        ("draft/read-marker", null, Capabilities.ReadMarker),
        ("echo-message", null, Capabilities.EchoMessage),
        ("extended-join", null, Capabilities.ExtendedJoin),
        ("invite-notify", null, Capabilities.InviteNotify),
        ("labeled-response", null, Capabilities.LabeledResponse),
        ("message-tags", null, Capabilities.MessageTags),
        ("multi-prefix", null, Capabilities.MultiPrefix),
        ("sasl", SaslMechanisms, Capabilities.Sasl),
        ("server-time", null, Capabilities.ServerTime),
        ("setname", null, Capabilities.SetName),
        ("userhost-in-names", null, Capabilities.UserhostInNames),
    ];

    /// <summary>What <c>CAP LS</c> lists, in a stable order; with values for <c>CAP LS 302</c>.</summary>
    public static string Offered(bool withValues) => withValues ? OfferedWithValues : OfferedNames;

    private static readonly string OfferedNames = string.Join(' ', Known.Select(k => k.Name));
    private static readonly string OfferedWithValues = string.Join(' ', Known.Select(k => k.Value is null ? k.Name : $"{k.Name}={k.Value}"));

    public static bool TryParse(string name, out Capabilities flag)
    {
        foreach (var (known, _, value) in Known)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                flag = value;
                return true;
            }
        }
        flag = Capabilities.None;
        return false;
    }

    public static string Format(Capabilities enabled) =>
        string.Join(' ', Known.Where(k => enabled.HasFlag(k.Flag)).Select(k => k.Name));
}
