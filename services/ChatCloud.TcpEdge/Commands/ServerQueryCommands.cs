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
