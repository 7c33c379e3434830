using System.Globalization;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>Connection registration (Modern IRC): CAP negotiation, NICK and USER, then the welcome burst.</summary>
public static class RegistrationCommands
{
    // CAP LS [<version>] | CAP LIST | CAP REQ :<caps> | CAP END
    public static void Cap(IrcSession session, IrcMessage message)
    {
        var subcommand = message.Parameters[0].ToUpperInvariant();
        switch (subcommand)
        {
            case "LS":
                if (!session.IsRegistered)
                {
                    session.CapNegotiating = true;
                }
                SendCap(session, "LS", CapabilityNames.Offered);
                break;
            case "LIST":
                SendCap(session, "LIST", CapabilityNames.Format(session.Capabilities));
                break;
            case "REQ" when message.Parameters.Count >= 2:
                if (!session.IsRegistered)
                {
                    session.CapNegotiating = true;
                }
                Request(session, message.Parameters[1]);
                break;
            case "REQ":
                session.Reply(Numerics.ERR_NEEDMOREPARAMS, "CAP", "Not enough parameters");
                break;
            case "END":
                session.CapNegotiating = false;
                TryCompleteRegistration(session);
                break;
            default:
                session.Reply(Numerics.ERR_INVALIDCAPCMD, message.Parameters[0], "Invalid CAP command");
                break;
        }
    }

    // NICK <nickname>
    public static void Nick(IrcSession session, IrcMessage message)
    {
        var nick = message.Parameters.Count > 0 ? message.Parameters[0] : "";
        if (nick.Length == 0)
        {
            session.Reply(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        if (!session.Server.IsValidNick(nick))
        {
            session.Reply(Numerics.ERR_ERRONEUSNICKNAME, nick, "Erroneous nickname");
            return;
        }
        if (nick == session.Nick)
        {
            return;
        }
        var previousPrefix = session.IsRegistered ? session.Prefix : null;
        if (!session.Server.Nicks.TryClaim(session, nick, session.Nick))
        {
            session.Reply(Numerics.ERR_NICKNAMEINUSE, nick, "Nickname is already in use");
            return;
        }
        session.Nick = nick;
        if (previousPrefix is not null)
        {
            session.Send(new IrcMessage(previousPrefix, "NICK", [nick]));
            return;
        }
        TryCompleteRegistration(session);
    }

    // USER <username> <mode> <unused> :<realname>
    public static void User(IrcSession session, IrcMessage message)
    {
        if (session.IsRegistered || session.UserName is not null)
        {
            session.Reply(Numerics.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        var userName = message.Parameters[0];
        if (userName.Length == 0)
        {
            session.Reply(Numerics.ERR_NEEDMOREPARAMS, "USER", "Not enough parameters");
            return;
        }
        // Modern IRC: the server prefixes a username it did not verify with '~'; we verify none by ident.
        session.UserName = "~" + (userName.Length > 10 ? userName[..10] : userName);
        session.RealName = message.Parameters[3];
        TryCompleteRegistration(session);
    }

    private static void Request(IrcSession session, string requested)
    {
        // All or nothing (IRCv3 capability negotiation): one unknown capability NAKs the whole request.
        var enabled = session.Capabilities;
        foreach (var name in requested.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var disable = name.StartsWith('-');
            if (!CapabilityNames.TryParse(disable ? name[1..] : name, out var flag))
            {
                SendCap(session, "NAK", requested);
                return;
            }
            enabled = disable ? enabled & ~flag : enabled | flag;
        }
        session.Capabilities = enabled;
        SendCap(session, "ACK", requested);
    }

    private static void SendCap(IrcSession session, string subcommand, string list) =>
        session.Send(new IrcMessage(session.Server.Name, "CAP", [session.Target, subcommand, list]));

    private static void TryCompleteRegistration(IrcSession session)
    {
        if (session.IsRegistered || session.CapNegotiating || session.Nick is null || session.UserName is null)
        {
            return;
        }
        session.IsRegistered = true;
        var server = session.Server;
        server.Registered();
        session.Reply(Numerics.RPL_WELCOME, $"Welcome to the {server.Options.NetworkName} Network, {session.Prefix}");
        session.Reply(Numerics.RPL_YOURHOST, $"Your host is {server.Name}, running version {server.Version}");
        session.Reply(Numerics.RPL_CREATED, $"This server was created {server.StartedAt.ToString("u", CultureInfo.InvariantCulture)}");
        // User modes: i (invisible); channel modes as docs/protocol.md lists them.
        session.Reply(Numerics.RPL_MYINFO, server.Name, server.Version, "i", "biklmnost", "bklov");
        ServerQueryCommands.SendSupport(session);
        // Modern IRC: after ISUPPORT, the server answers as if the client had sent LUSERS, then MOTD.
        ServerQueryCommands.Lusers(session, default);
        ServerQueryCommands.Motd(session, default);
    }
}
