using System.Globalization;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

public static class ServerQueryCommands
{
    // MOTD [<target>]
    public static void Motd(IrcSession session, IrcMessage message)
    {
        var lines = session.Server.Options.Motd;
        if (lines.Count == 0)
        {
            session.Reply(Numerics.ERR_NOMOTD, "MOTD File is missing");
            return;
        }
        session.Reply(Numerics.RPL_MOTDSTART, $"- {session.Server.Name} Message of the day - ");
        foreach (var line in lines)
        {
            session.Reply(Numerics.RPL_MOTD, $"- {line}");
        }
        session.Reply(Numerics.RPL_ENDOFMOTD, "End of /MOTD command.");
    }

    // LUSERS — counts are this edge's until members on other edges are known (docs/protocol.md).
    public static void Lusers(IrcSession session, IrcMessage message)
    {
        var server = session.Server;
        var users = server.Nicks.Count;
        var unknown = Math.Max(0, server.SessionCount - users);
        var rooms = server.Rooms.Count;
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        session.Reply(Numerics.RPL_LUSERCLIENT, $"There are {Text(users)} users and 0 invisible on 1 servers");
        // Modern IRC lets 252, 253 and 254 be left out when their count is zero.
        if (unknown > 0)
        {
            session.Reply(Numerics.RPL_LUSERUNKNOWN, Text(unknown), "unknown connection(s)");
        }
        if (rooms > 0)
        {
            session.Reply(Numerics.RPL_LUSERCHANNELS, Text(rooms), "channels formed");
        }
        session.Reply(Numerics.RPL_LUSERME, $"I have {Text(users)} clients and 1 servers");
        session.Reply(Numerics.RPL_LOCALUSERS, Text(users), Text(server.MaxUsers), $"Current local users {Text(users)}, max {Text(server.MaxUsers)}");
        session.Reply(Numerics.RPL_GLOBALUSERS, Text(users), Text(server.MaxUsers), $"Current global users {Text(users)}, max {Text(server.MaxUsers)}");
    }

    // VERSION [<target>]
    public static void Version(IrcSession session, IrcMessage message)
    {
        session.Reply(Numerics.RPL_VERSION, session.Server.Version, session.Server.Name, "ChatCloud IRC edge");
        SendSupport(session);
    }

    /// <summary>RPL_ISUPPORT lines, at most 13 tokens each so a line stays well under 512 bytes.</summary>
    public static void SendSupport(IrcSession session)
    {
        foreach (var chunk in session.Server.SupportTokens.Chunk(13))
        {
            session.Reply(Numerics.RPL_ISUPPORT, [.. chunk, "are supported by this server"]);
        }
    }
}
