using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>Replies that describe a room: where its state is read from, and NAMES as Modern IRC writes it.</summary>
internal static class RoomReplies
{
    /// <summary>
    /// The room's state: this edge's replica when it has one, else the authority's (null when the
    /// room does not exist or the authority does not answer), and whether the session is in it.
    /// </summary>
    public static async Task<(RoomSnapshot? Room, bool IsMember)> ReadAsync(IrcSession session, string name, CancellationToken cancellationToken)
    {
        if (session.Server.Rooms.Find(name) is { } room && !room.IsUnused)
        {
            var view = room.View();
            if (view.Members.Count > 0)
            {
                return (view, room.Contains(session));
            }
        }
        if (!IrcCaseMapping.IsValidChannelName(name, IrcServer.ChannelLength))
        {
            return (null, false);
        }
        var answer = await session.Server.RoomAuthority.FindAsync(name, cancellationToken);
        return (answer.Value, false);
    }

    /// <summary>Membership prefixes as written before a nick: <c>@</c> for operator, <c>+</c> for voice.</summary>
    public static string Symbols(string prefixes, bool all)
    {
        var symbols = prefixes.Replace('o', '@').Replace('v', '+');
        return all || symbols.Length <= 1 ? symbols : symbols[..1];
    }

    /// <summary>
    /// RPL_NAMREPLY lines (<c>=</c> public room, <c>@</c> secret), as many as fit in 512 bytes, then
    /// RPL_ENDOFNAMES; <paramref name="beforeEnd"/> goes just before it (a JOIN's MARKREAD, draft/read-marker).
    /// </summary>
    public static void SendNames(IrcSession session, RoomSnapshot room, IrcMessage? beforeEnd = null)
    {
        var symbol = room.Modes.Contains('s', StringComparison.Ordinal) ? "@" : "=";
        // ":server 353 nick = #room :" plus the names must stay under 512 bytes with CRLF.
        var budget = 512 - 2 - (session.Server.Name.Length + session.Target.Length + room.Name.Length + 12);
        var line = new List<string>();
        var length = 0;
        var withHosts = session.Has(Capabilities.UserhostInNames);
        var allPrefixes = session.Has(Capabilities.MultiPrefix);
        var names = room.Members
            .OrderBy(m => m.Nick, StringComparer.Ordinal)
            .Select(m => Symbols(m.Prefixes, allPrefixes) + (withHosts ? $"{m.Nick}!{m.User}@{m.Host}" : m.Nick));
        foreach (var name in names)
        {
            if (length + name.Length + 1 > budget && line.Count > 0)
            {
                session.Reply(Numerics.RPL_NAMREPLY, symbol, room.Name, string.Join(' ', line));
                line.Clear();
                length = 0;
            }
            line.Add(name);
            length += name.Length + 1;
        }
        if (line.Count > 0)
        {
            session.Reply(Numerics.RPL_NAMREPLY, symbol, room.Name, string.Join(' ', line));
        }
        if (beforeEnd is { } extra)
        {
            session.Send(extra);
        }
        session.Reply(Numerics.RPL_ENDOFNAMES, room.Name, "End of /NAMES list");
    }
}
