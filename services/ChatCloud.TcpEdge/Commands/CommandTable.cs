using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>How one verb is handled, and the checks the dispatcher applies before the handler runs.</summary>
/// <remarks>
/// Handlers are awaited one at a time per connection, so a client's commands take effect in the
/// order it sent them (a post is queued on the edge's one ordered post stream before the next line
/// is read; its broker confirm comes later).
/// </remarks>
public sealed record CommandSpec(Func<IrcSession, IrcMessage, CancellationToken, ValueTask> Handler, int MinParameters, bool BeforeRegistration)
{
    public static CommandSpec Of(Action<IrcSession, IrcMessage> handler, int minParameters, bool beforeRegistration) =>
        new((session, message, _) =>
        {
            handler(session, message);
            return ValueTask.CompletedTask;
        }, minParameters, beforeRegistration);
}

/// <summary>
/// The one verb table (as Ergo's irc/commands.go): every command the edge understands, with its
/// minimum parameter count (461 below it) and whether it is usable before registration (451 otherwise).
/// </summary>
public static class CommandTable
{
    public static IReadOnlyDictionary<string, CommandSpec> Commands { get; } = new Dictionary<string, CommandSpec>(StringComparer.Ordinal)
    {
        // Registration may wait on the auth service (PASS is checked when it completes), so these are async.
        ["CAP"] = new(RegistrationCommands.CapAsync, 1, BeforeRegistration: true),
        ["NICK"] = new(RegistrationCommands.NickAsync, 0, BeforeRegistration: true),
        ["USER"] = new(RegistrationCommands.UserAsync, 4, BeforeRegistration: true),
        ["PASS"] = CommandSpec.Of(AccountCommands.Pass, 1, beforeRegistration: true),
        ["AUTHENTICATE"] = new(AccountCommands.AuthenticateAsync, 1, BeforeRegistration: true),
        ["REGISTER"] = new(AccountCommands.RegisterAsync, 3, BeforeRegistration: true),
        ["PING"] = CommandSpec.Of(ConnectionCommands.Ping, 1, beforeRegistration: true),
        ["PONG"] = CommandSpec.Of(ConnectionCommands.Pong, 0, beforeRegistration: true),
        ["QUIT"] = CommandSpec.Of(ConnectionCommands.Quit, 0, beforeRegistration: true),
        ["MOTD"] = CommandSpec.Of(ServerQueryCommands.Motd, 0, beforeRegistration: false),
        ["VERSION"] = CommandSpec.Of(ServerQueryCommands.Version, 0, beforeRegistration: false),
        ["LUSERS"] = CommandSpec.Of(ServerQueryCommands.Lusers, 0, beforeRegistration: false),
        ["WHOIS"] = new(UserQueryCommands.WhoisAsync, 0, BeforeRegistration: false),
        ["WHO"] = new(WhoCommands.WhoAsync, 1, BeforeRegistration: false),
        ["SETNAME"] = new(UserQueryCommands.SetNameAsync, 1, BeforeRegistration: false),
        ["MONITOR"] = new(MonitorCommands.MonitorAsync, 1, BeforeRegistration: false),
        ["AWAY"] = new(UserQueryCommands.AwayAsync, 0, BeforeRegistration: false),
        // Room commands wait on the room authority (the messages service); the room hears of them from its stream.
        ["JOIN"] = new(RoomCommands.JoinAsync, 1, BeforeRegistration: false),
        ["PART"] = new(RoomCommands.PartAsync, 1, BeforeRegistration: false),
        ["NAMES"] = new(RoomCommands.NamesAsync, 0, BeforeRegistration: false),
        ["LIST"] = new(ListCommands.ListAsync, 0, BeforeRegistration: false),
        ["TOPIC"] = new(RoomCommands.TopicAsync, 1, BeforeRegistration: false),
        ["KICK"] = new(ModerationCommands.KickAsync, 2, BeforeRegistration: false),
        ["INVITE"] = new(ModerationCommands.InviteAsync, 0, BeforeRegistration: false),
        ["MODE"] = new(ModerationCommands.ModeAsync, 1, BeforeRegistration: false),
        // PRIVMSG and NOTICE check their own parameters: a missing target or text has its own numerics (411, 412).
        ["PRIVMSG"] = new(MessagingCommands.PrivmsgAsync, 0, BeforeRegistration: false),
        ["NOTICE"] = new(MessagingCommands.NoticeAsync, 0, BeforeRegistration: false),
        ["TAGMSG"] = new(TagCommands.TagmsgAsync, 1, BeforeRegistration: false),
        ["REDACT"] = new(RedactCommands.RedactAsync, 2, BeforeRegistration: false),
        // MARKREAD answers a missing target itself (FAIL MARKREAD NEED_MORE_PARAMS, as draft/read-marker asks).
        ["MARKREAD"] = new(ReadMarkerCommands.MarkReadAsync, 0, BeforeRegistration: false),
        // CHATHISTORY answers a wrong parameter count itself (FAIL … INVALID_PARAMS); 461 only when even the subcommand is missing.
        ["CHATHISTORY"] = new(HistoryCommands.ChatHistoryAsync, 1, BeforeRegistration: false),
    };
}
