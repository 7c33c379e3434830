using System.Globalization;
using System.Text;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// IRCv3 monitor: a client names nicks and is told when each comes online or goes offline, on any
/// edge (docs/architecture.md, "Presence across edges"). Lists of nicks in numerics are split over
/// as many lines as the 512-byte limit needs.
/// </summary>
public static class MonitorCommands
{
    private const string ListFull = "Monitor list is full.";

    // MONITOR + <target>{,<target>} | MONITOR - <target>{,<target>} | MONITOR C | MONITOR L | MONITOR S
    public static async ValueTask MonitorAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var monitors = session.Server.Monitors;
        var modifier = message.Parameters[0];
        switch (modifier.ToUpperInvariant())
        {
            case "+" or "-" when message.Parameters.Count < 2:
                session.Reply(Numerics.ERR_NEEDMOREPARAMS, "MONITOR", "Not enough parameters");
                break;
            case "+":
                var (added, refused) = monitors.Add(session, Targets(session, message.Parameters[1]));
                if (refused.Count > 0)
                {
                    // 734 <nick> <limit> <targets> :Monitor list is full. — the targets, as sent, not added.
                    var limit = session.Server.Options.MonitorLimit.ToString(CultureInfo.InvariantCulture);
                    foreach (var chunk in Chunks(session, Numerics.ERR_MONLISTFULL, refused, limit.Length + 1 + 2 + ListFull.Length))
                    {
                        session.Send(new IrcMessage(session.Server.Name, Numerics.ERR_MONLISTFULL, [session.Target, limit, chunk, ListFull]));
                    }
                }
                await SendStatusAsync(session, added, cancellationToken);
                break;
            case "-":
                monitors.Remove(session, Targets(session, message.Parameters[1]));
                break;
            case "C":
                monitors.Clear(session);
                break;
            case "L":
                SendList(session, Numerics.RPL_MONLIST, monitors.List(session));
                session.Reply(Numerics.RPL_ENDOFMONLIST, "End of MONITOR list");
                break;
            case "S":
                await SendStatusAsync(session, monitors.List(session), cancellationToken);
                break;
            default:
                session.Fail("MONITOR", "INVALID_PARAMS", modifier, "Unknown MONITOR modifier; use +, -, C, L or S");
                break;
        }
    }

    /// <summary>The targets that are valid nicks: "target MUST be a valid nick"; anything else could never be online.</summary>
    private static IEnumerable<string> Targets(IrcSession session, string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(session.Server.IsValidNick);

    /// <summary>730 with <c>nick!user@host</c> for those online, then 731 for the rest.</summary>
    private static async Task SendStatusAsync(IrcSession session, IReadOnlyList<string> nicks, CancellationToken cancellationToken)
    {
        if (nicks.Count == 0)
        {
            return;
        }
        var server = session.Server;
        string?[] masks;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(server.Options.DirectoryTimeout);
            // One query each, in flight together (the Redis client pipelines them); a user on this edge needs none.
            masks = await Task.WhenAll(nicks.Select(nick => MaskAsync(server, nick, timeout.Token)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            session.Fail("MONITOR", "TEMPORARILY_UNAVAILABLE", "Who is online cannot be looked up right now; try MONITOR S in a moment");
            return;
        }
        SendList(session, Numerics.RPL_MONONLINE, masks.OfType<string>().ToList());
        SendList(session, Numerics.RPL_MONOFFLINE, nicks.Where((_, i) => masks[i] is null).ToList());
    }

    private static async Task<string?> MaskAsync(IrcServer server, string nick, CancellationToken cancellationToken)
    {
        if (server.Nicks.Find(nick) is { IsRegistered: true } local)
        {
            return local.Prefix;
        }
        return await server.NickDirectory.FindAsync(nick, cancellationToken) is { } user ? $"{user.Nick}!{user.User}@{user.Host}" : null;
    }

    /// <summary><c>:server NNN target :a,b,c</c>, in as many lines as the list needs; nothing for an empty list.</summary>
    private static void SendList(IrcSession session, string numeric, IReadOnlyList<string> items)
    {
        foreach (var chunk in Chunks(session, numeric, items, reserved: 1))
        {
            session.Send(new IrcMessage(session.Server.Name, numeric, [session.Target, chunk]));
        }
    }

    /// <summary>
    /// Comma-joined runs of <paramref name="items"/> that fit in one line after <c>:server NNN target </c>
    /// and <paramref name="reserved"/> bytes of the rest of the line (RFC 1459: 512 bytes with CRLF).
    /// </summary>
    private static List<string> Chunks(IrcSession session, string numeric, IReadOnlyList<string> items, int reserved)
    {
        var budget = IrcLimits.MaxBodyBytes - 2 - Encoding.UTF8.GetByteCount($":{session.Server.Name} {numeric} {session.Target} ") - reserved;
        var chunks = new List<string>();
        var current = new StringBuilder();
        var bytes = 0;
        foreach (var item in items)
        {
            var length = Encoding.UTF8.GetByteCount(item);
            if (current.Length > 0 && bytes + 1 + length > budget)
            {
                chunks.Add(current.ToString());
                current.Clear();
                bytes = 0;
            }
            bytes += (current.Length > 0 ? 1 : 0) + length;
            current.Append(current.Length > 0 ? "," : "").Append(item);
        }
        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }
        return chunks;
    }
}
