using ChatCloud.TcpEdge.Server;
using ChatCloud.Irc;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>How one verb is handled, and the checks the dispatcher applies before the handler runs.</summary>
public sealed record CommandSpec(Action<IrcSession, IrcMessage> Handler, int MinParameters, bool BeforeRegistration);

/// <summary>
/// The one verb table (as Ergo's irc/commands.go): every command the edge understands, with its
/// minimum parameter count (461 below it) and whether it is usable before registration (451 otherwise).
/// </summary>
public static class CommandTable
{
    public static IReadOnlyDictionary<string, CommandSpec> Commands { get; } = new Dictionary<string, CommandSpec>(StringComparer.Ordinal)
    {
        ["CAP"] = new(RegistrationCommands.Cap, 1, BeforeRegistration: true),
        ["NICK"] = new(RegistrationCommands.Nick, 0, BeforeRegistration: true),
        ["USER"] = new(RegistrationCommands.User, 4, BeforeRegistration: true),
        ["PING"] = new(ConnectionCommands.Ping, 1, BeforeRegistration: true),
        ["PONG"] = new(ConnectionCommands.Pong, 0, BeforeRegistration: true),
        ["QUIT"] = new(ConnectionCommands.Quit, 0, BeforeRegistration: true),
        ["MOTD"] = new(ServerQueryCommands.Motd, 0, BeforeRegistration: false),
        ["VERSION"] = new(ServerQueryCommands.Version, 0, BeforeRegistration: false),
    };
}
