using ChatCloud.Irc;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// WHO and WHOX (Modern IRC "WHO message", IRCv3 WHOX). The mask is a room (its members on every
/// edge, from this edge's replica or the room authority) or one nick (on any edge, through the nick
/// directory); a wildcard mask matches nobody, so WHO never lists the whole network.
/// </summary>
public static class WhoCommands
{
    // WHOX fields in the one order replies carry them, whatever order they were asked in.
    private const string WhoxFields = "tcuihsnfdlaor";

    // WHO <mask> [%<fields>[,<token>]]
    public static async ValueTask WhoAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var mask = message.Parameters[0];
        var whox = message.Parameters.Count > 1 && message.Parameters[1].StartsWith('%') ? Whox.Parse(message.Parameters[1]) : null;
        var server = session.Server;
        if (mask.StartsWith('#'))
        {
            var (room, isMember) = await RoomReplies.ReadAsync(session, mask, cancellationToken);
            // Outside a room, its secret members list and its invisible members stay hidden (Modern IRC, WHO).
            if (room is not null && (isMember || !room.Modes.Contains('s', StringComparison.Ordinal)))
            {
                var allPrefixes = session.Has(Capabilities.MultiPrefix);
                foreach (var member in room.Members.OrderBy(m => m.Nick, StringComparer.Ordinal))
                {
                    var local = server.Nicks.Find(member.Nick);
                    if (!isMember && local is { Invisible: true })
                    {
                        continue;
                    }
                    var user = local is { IsRegistered: true } ? local.ToDirectoryUser() : await FindAsync(session, member.Nick, cancellationToken)
                        ?? new DirectoryUser(member.Nick, member.User, member.Host, "", member.Account, null, DateTimeOffset.MinValue);
                    Reply(session, whox, room.Name, user, member.Account, RoomReplies.Symbols(member.Prefixes, allPrefixes));
                }
            }
        }
        else if (!mask.AsSpan().ContainsAny('*', '?'))
        {
            var user = server.Nicks.Find(mask) is { IsRegistered: true } local ? local.ToDirectoryUser() : await FindAsync(session, mask, cancellationToken);
            if (user is not null)
            {
                Reply(session, whox, "*", user, user.Account, "");
            }
        }
        session.Reply(Numerics.RPL_ENDOFWHO, mask, "End of WHO list");
    }

    private static async Task<DirectoryUser?> FindAsync(IrcSession session, string nick, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(session.Server.Options.DirectoryTimeout);
            return await session.Server.NickDirectory.FindAsync(nick, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null; // answered as nobody: WHO has no error of its own for this
        }
    }

    private static void Reply(IrcSession session, Whox? whox, string channel, DirectoryUser user, string? account, string prefixes)
    {
        // H(ere) or G(one), then the member's prefixes in the room (all of them with multi-prefix); no server operators.
        var flags = (user.Away is null ? "H" : "G") + prefixes;
        if (whox is null)
        {
            // RPL_WHOREPLY: <client> <channel> <username> <host> <server> <nick> <flags> :<hopcount> <realname>
            session.Reply(Numerics.RPL_WHOREPLY, channel, user.User, user.Host, session.Server.Name, user.Nick, flags, $"0 {user.RealName}");
            return;
        }
        List<string> fields = [];
        foreach (var field in WhoxFields.Where(whox.Fields.Contains))
        {
            fields.Add(field switch
            {
                't' => whox.Token,
                'c' => channel,
                'u' => user.User,
                'i' => "255.255.255.255", // not disclosed, as the spec allows
                'h' => user.Host,
                's' => session.Server.Name,
                'n' => user.Nick,
                'f' => flags,
                'd' => "0",
                'l' => "0",
                'a' => account ?? "0",
                'o' => "n/a",
                _ => user.RealName,
            });
        }
        // RPL_WHOSPCRPL: the realname, when asked for, is last and may hold spaces.
        session.Reply(Numerics.RPL_WHOSPCRPL, [.. fields]);
    }

    /// <summary>A WHOX request: <c>%&lt;fields&gt;[,&lt;token&gt;]</c>, the token up to three digits.</summary>
    private sealed record Whox(string Fields, string Token)
    {
        public static Whox Parse(string parameter)
        {
            var comma = parameter.IndexOf(',', StringComparison.Ordinal);
            var fields = comma < 0 ? parameter[1..] : parameter[1..comma];
            var token = comma < 0 ? "0" : parameter[(comma + 1)..];
            if (token.Length is 0 or > 3 || !token.All(char.IsAsciiDigit))
            {
                token = "0";
            }
            return new Whox(fields, token);
        }
    }
}
