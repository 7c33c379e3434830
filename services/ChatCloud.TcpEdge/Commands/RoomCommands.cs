using ChatCloud.Irc;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>Joining, leaving and listing rooms (Modern IRC, "Channel Operations").</summary>
public static class RoomCommands
{
    // JOIN <channel>{,<channel>} [<key>{,<key>}]
    public static void Join(IrcSession session, IrcMessage message)
    {
        foreach (var name in message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IrcCaseMapping.IsValidChannelName(name, IrcServer.ChannelLength))
            {
                session.Reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
                continue;
            }
            if (!session.Server.Rooms.Join(session, name, out var room))
            {
                continue; // Already there: servers ignore it (Modern IRC).
            }
            // extended-join: "JOIN <channel> <account> :<realname>", the account * for a guest.
            var plain = IrcWriter.GetBytes(new IrcMessage(session.Prefix, "JOIN", [room.Name]));
            var extended = IrcWriter.GetBytes(new IrcMessage(session.Prefix, "JOIN", [room.Name, session.Account?.Name ?? "*", session.RealName ?? ""]));
            foreach (var member in room.Members)
            {
                member.Send(member.Has(Capabilities.ExtendedJoin) ? extended : plain);
            }
            // Modern IRC: the topic (332) follows a JOIN only when the room has one; never 331.
            SendNames(session, room);
        }
    }

    // PART <channel>{,<channel>} [<reason>]
    public static void Part(IrcSession session, IrcMessage message)
    {
        var reason = message.Parameters.Count > 1 ? message.Parameters[1] : null;
        foreach (var name in message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (session.Server.Rooms.Find(name) is not { } room)
            {
                session.Reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
                continue;
            }
            var line = IrcWriter.GetBytes(reason is null
                ? new IrcMessage(session.Prefix, "PART", [room.Name])
                : new IrcMessage(session.Prefix, "PART", [room.Name, reason]));
            // The parting member sees its own PART too, so it is told before being removed.
            var members = room.Members.ToArray();
            if (!session.Server.Rooms.Part(session, room))
            {
                session.Reply(Numerics.ERR_NOTONCHANNEL, name, "You're not on that channel");
                continue;
            }
            foreach (var member in members)
            {
                member.Send(line);
            }
        }
    }

    // NAMES [<channel>{,<channel>}]
    public static void Names(IrcSession session, IrcMessage message)
    {
        if (message.Parameters.Count == 0)
        {
            session.Reply(Numerics.RPL_ENDOFNAMES, "*", "End of /NAMES list");
            return;
        }
        foreach (var name in message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (session.Server.Rooms.Find(name) is { } room)
            {
                SendNames(session, room);
            }
            else
            {
                session.Reply(Numerics.RPL_ENDOFNAMES, name, "End of /NAMES list");
            }
        }
    }

    /// <summary>RPL_NAMREPLY lines ("=" public room), as many as fit in 512 bytes, then RPL_ENDOFNAMES.</summary>
    private static void SendNames(IrcSession session, LocalRoom room)
    {
        // ":server 353 nick = #room :" plus the names must stay under 512 bytes with CRLF.
        var budget = 512 - 2 - (session.Server.Name.Length + session.Target.Length + room.Name.Length + 12);
        var line = new List<string>();
        var length = 0;
        var withHosts = session.Has(Capabilities.UserhostInNames);
        var names = room.Members.Where(m => m.Nick is not null).Select(m => withHosts ? m.Prefix : m.Nick!);
        foreach (var nick in names.Order(StringComparer.Ordinal))
        {
            if (length + nick.Length + 1 > budget && line.Count > 0)
            {
                session.Reply(Numerics.RPL_NAMREPLY, "=", room.Name, string.Join(' ', line));
                line.Clear();
                length = 0;
            }
            line.Add(nick);
            length += nick.Length + 1;
        }
        if (line.Count > 0)
        {
            session.Reply(Numerics.RPL_NAMREPLY, "=", room.Name, string.Join(' ', line));
        }
        session.Reply(Numerics.RPL_ENDOFNAMES, room.Name, "End of /NAMES list");
    }
}
