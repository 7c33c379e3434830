using ChatCloud.Irc;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// WHOIS and AWAY (Modern IRC, "User-Based Queries" and "Optional Messages"). A user on this edge is
/// answered from its session; one on another edge from what that edge published in the nick
/// directory (<see cref="INickDirectory"/>).
/// </summary>
public static class UserQueryCommands
{
    /// <summary>AWAY messages are cut to this many characters (<c>AWAYLEN</c>).</summary>
    public const int AwayLength = 200;

    // WHOIS [<target>] <nick>
    public static async ValueTask WhoisAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (message.Parameters.Count == 0 || message.Parameters[^1].Length == 0)
        {
            session.Reply(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        var nick = message.Parameters[^1];
        var server = session.Server;
        var local = server.Nicks.Find(nick);
        DirectoryUser? user;
        if (local is { IsRegistered: true })
        {
            user = local.ToDirectoryUser();
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(server.Options.DirectoryTimeout);
                user = await server.NickDirectory.FindAsync(nick, timeout.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                session.Fail("WHOIS", "TEMPORARILY_UNAVAILABLE", nick, "Users on other servers cannot be looked up right now; try again in a moment");
                return;
            }
        }
        if (user is null)
        {
            session.Reply(Numerics.ERR_NOSUCHNICK, nick, "No such nick/channel");
            session.Reply(Numerics.RPL_ENDOFWHOIS, nick, "End of /WHOIS list");
            return;
        }
        session.Reply(Numerics.RPL_WHOISUSER, user.Nick, user.User, user.Host, "*", user.RealName);
        if (local is not null && WhoisChannels(session, local) is { Length: > 0 } channels)
        {
            session.Reply(Numerics.RPL_WHOISCHANNELS, user.Nick, channels);
        }
        session.Reply(Numerics.RPL_WHOISSERVER, user.Nick, server.Name, server.Options.NetworkName);
        if (user.Away is not null)
        {
            session.Reply(Numerics.RPL_AWAY, user.Nick, user.Away);
        }
        if (local is { IsTls: true })
        {
            session.Reply(Numerics.RPL_WHOISSECURE, user.Nick, "is using a secure connection");
        }
        if (user.Account is not null)
        {
            session.Reply(Numerics.RPL_WHOISACCOUNT, user.Nick, user.Account, "is logged in as");
        }
        if (ReferenceEquals(local, session) && session.Address != session.Host)
        {
            // The address behind the cloak, to its owner only (RPL_WHOISHOST, as Ergo and Solanum send it).
            session.Reply(Numerics.RPL_WHOISHOST, user.Nick, $"is connecting from *@{session.Address} {session.Address}");
        }
        session.Reply(Numerics.RPL_ENDOFWHOIS, user.Nick, "End of /WHOIS list");
    }

    /// <summary>
    /// RPL_WHOISCHANNELS' list: each room with the user's highest prefix (<c>@#ops +#lounge</c>); a
    /// secret room only when the one asking is in it too (Modern IRC).
    /// </summary>
    private static string WhoisChannels(IrcSession asker, IrcSession user)
    {
        var rooms = asker.Server.Rooms;
        return string.Join(' ', rooms.RoomsOf(user).Order(StringComparer.Ordinal)
            .Select(rooms.Find)
            .Where(room => room is not null)
            .Select(room => (Room: room!, View: room!.View()))
            .Where(room => !room.View.Modes.Contains('s', StringComparison.Ordinal) || room.Room.Contains(asker))
            .Select(room => RoomReplies.Symbols(room.Room.PrefixesOf(user.Nick ?? "") ?? "", all: false) + room.View.Name));
    }

    /// <summary>A user on any edge: this edge's session, or the nick directory's entry; null when there is none or the directory does not answer.</summary>
    public static async Task<DirectoryUser?> FindUserAsync(IrcSession session, string nick, CancellationToken cancellationToken)
    {
        var server = session.Server;
        if (server.Nicks.Find(nick) is { IsRegistered: true } local)
        {
            return local.ToDirectoryUser();
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(server.Options.DirectoryTimeout);
            return await server.NickDirectory.FindAsync(nick, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    // AWAY [<text>]
    public static async ValueTask AwayAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var text = message.Parameters.Count > 0 ? message.Parameters[0] : "";
        session.Away = text.Length == 0 ? null : text.Length <= AwayLength ? text : text[..AwayLength];
        if (session.Away is null)
        {
            session.Reply(Numerics.RPL_UNAWAY, "You are no longer marked as being away");
        }
        else
        {
            session.Reply(Numerics.RPL_NOWAWAY, "You have been marked as being away");
        }
        await PublishAsync(session, cancellationToken);
        // away-notify: people sharing a room who asked for it see the change, on every edge.
        await session.Server.RoomMates.TellAsync(session, Capabilities.AwayNotify, session.Away is null
            ? new IrcMessage(session.Prefix, "AWAY", [])
            : new IrcMessage(session.Prefix, "AWAY", [session.Away]), cancellationToken);
    }

    /// <summary>Real names are at most this many characters (<c>NAMELEN</c>).</summary>
    public const int RealNameLength = 100;

    // SETNAME :<realname> (IRCv3 setname)
    public static async ValueTask SetNameAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var realName = message.Parameters[0];
        if (realName.Length == 0 || realName.Length > RealNameLength)
        {
            session.Fail("SETNAME", "INVALID_REALNAME", $"Real names are 1 to {RealNameLength} characters");
            return;
        }
        session.RealName = realName;
        var line = new IrcMessage(session.Prefix, "SETNAME", [realName]);
        if (session.Has(Capabilities.SetName))
        {
            session.Send(line);
        }
        await PublishAsync(session, cancellationToken);
        await session.Server.RoomMates.TellAsync(session, Capabilities.SetName, line, cancellationToken);
    }

    /// <summary>Tells the directory what WHOIS on another edge should show; a failure leaves the last published.</summary>
    public static async Task PublishAsync(IrcSession session, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(session.Server.Options.DirectoryTimeout);
            await session.Server.NickDirectory.PublishAsync(session.ToDirectoryUser(), timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Other edges see older details until the next change; this edge answers from the session.
        }
    }
}
