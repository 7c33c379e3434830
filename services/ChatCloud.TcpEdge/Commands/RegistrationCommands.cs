using System.Globalization;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// Connection registration (Modern IRC): CAP negotiation, NICK and USER, the account checks
/// (<see cref="AccountCommands"/>), then the welcome burst.
/// </summary>
public static class RegistrationCommands
{
    // CAP LS [<version>] | CAP LIST | CAP REQ :<caps> | CAP END
    public static ValueTask CapAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var subcommand = message.Parameters[0].ToUpperInvariant();
        switch (subcommand)
        {
            case "LS":
                if (!session.IsRegistered)
                {
                    session.CapNegotiating = true;
                }
                // Capability values (sasl=PLAIN) only for clients that announce version 302 or later.
                var version = message.Parameters.Count > 1 && int.TryParse(message.Parameters[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
                SendCap(session, "LS", CapabilityNames.Offered(withValues: version >= 302));
                if (version >= 302)
                {
                    session.Capabilities |= Capabilities.CapNotify; // implied by 302 (IRCv3 cap-notify)
                }
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
                if (session.IsRegistered)
                {
                    break;
                }
                session.CapNegotiating = false;
                // sasl-3.1: registration completed mid-exchange aborts the exchange (906) and goes on without it.
                if (session.Sasl.InProgress)
                {
                    session.Sasl.Clear();
                    session.Reply(Numerics.ERR_SASLABORTED, "SASL authentication aborted");
                }
                return TryCompleteRegistrationAsync(session, cancellationToken);
            default:
                session.Reply(Numerics.ERR_INVALIDCAPCMD, message.Parameters[0], "Invalid CAP command");
                break;
        }
        return ValueTask.CompletedTask;
    }

    // NICK <nickname>
    public static async ValueTask NickAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
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
        var previous = session.Nick;
        var previousPrefix = session.IsRegistered ? session.Prefix : null;
        if (!session.Server.Nicks.TryClaim(session, nick, previous))
        {
            session.Reply(Numerics.ERR_NICKNAMEINUSE, nick, "Nickname is already in use");
            return;
        }
        // This edge's registry agreed; the directory decides across every edge.
        if (await ClaimEverywhereAsync(session, nick, previous, cancellationToken) is false)
        {
            return;
        }
        if (previousPrefix is not null && session.HasAskedForRooms && !await RenameInRoomsAsync(session, nick, previous!, cancellationToken))
        {
            return;
        }
        if (previous is not null && !IrcCaseMapping.Rfc1459.Equals(previous, nick))
        {
            await ReleaseEverywhereAsync(session, previous);
        }
        session.Nick = nick;
        if (previousPrefix is not null)
        {
            // The client is told here; everyone sharing a room with it, once each, from the rooms' streams.
            session.Send(new IrcMessage(previousPrefix, "NICK", [nick]));
            await UserQueryCommands.PublishAsync(session, cancellationToken);
            await session.Server.Monitors.NickChangedAsync(session, previous!);
            return;
        }
        await TryCompleteRegistrationAsync(session, cancellationToken);
    }

    /// <summary>
    /// The rooms the user is in learn the new nick from their authority before it is taken: if the
    /// authority refuses or does not answer, the nick is given back and the old one kept.
    /// </summary>
    private static async Task<bool> RenameInRoomsAsync(IrcSession session, string nick, string previous, CancellationToken cancellationToken)
    {
        var answer = await session.Server.RoomAuthority.RenameAsync(new RenameRequest(session.ToRoomActor(), nick), cancellationToken);
        if (answer.Outcome == RoomOutcome.Done)
        {
            return true;
        }
        UndoLocalClaim(session, nick, previous);
        if (!IrcCaseMapping.Rfc1459.Equals(previous, nick))
        {
            await ReleaseEverywhereAsync(session, nick);
        }
        if (answer.Refusal is not null)
        {
            session.Reply(Numerics.ERR_NICKNAMEINUSE, nick, "Nickname is already in use");
        }
        else
        {
            session.Fail("NICK", "TEMPORARILY_UNAVAILABLE", nick, "Nicknames cannot be changed right now; try again in a moment");
        }
        return false;
    }

    /// <summary>Claims the nick in the directory and gives the previous one up; on refusal, undoes the local claim.</summary>
    private static async Task<bool> ClaimEverywhereAsync(IrcSession session, string nick, string? previous, CancellationToken cancellationToken)
    {
        var server = session.Server;
        bool claimed;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(server.Options.DirectoryTimeout);
            claimed = await server.NickDirectory.TryClaimAsync(nick, session.Id, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            UndoLocalClaim(session, nick, previous);
            session.Fail("NICK", "TEMPORARILY_UNAVAILABLE", nick, "Nicknames cannot be checked right now; try again in a moment");
            return false;
        }
        if (!claimed)
        {
            UndoLocalClaim(session, nick, previous);
            session.Reply(Numerics.ERR_NICKNAMEINUSE, nick, "Nickname is already in use");
            return false;
        }
        return true; // the previous nick is given up by the caller, once the rooms agree
    }

    private static void UndoLocalClaim(IrcSession session, string nick, string? previous)
    {
        if (previous is null)
        {
            session.Server.Nicks.Release(session, nick);
        }
        else
        {
            session.Server.Nicks.TryClaim(session, previous, nick);
        }
    }

    /// <summary>Gives a nick up in the directory; a failure only delays it until this edge's heartbeat lapses.</summary>
    public static async Task ReleaseEverywhereAsync(IrcSession session, string nick)
    {
        try
        {
            using var timeout = new CancellationTokenSource(session.Server.Options.DirectoryTimeout);
            await session.Server.NickDirectory.ReleaseAsync(nick, session.Id, timeout.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Held until a claim finds this edge gone, or until this session claims it again.
        }
    }

    // USER <username> <mode> <unused> :<realname>
    public static ValueTask UserAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (session.IsRegistered || session.UserName is not null)
        {
            session.Reply(Numerics.ERR_ALREADYREGISTERED, "You may not reregister");
            return ValueTask.CompletedTask;
        }
        var userName = message.Parameters[0];
        if (userName.Length == 0)
        {
            session.Reply(Numerics.ERR_NEEDMOREPARAMS, "USER", "Not enough parameters");
            return ValueTask.CompletedTask;
        }
        // Modern IRC: the server prefixes a username it did not verify with '~'; we verify none by ident.
        session.UserName = "~" + (userName.Length > 10 ? userName[..10] : userName);
        var realName = message.Parameters[3];
        session.RealName = realName.Length <= UserQueryCommands.RealNameLength ? realName : realName[..UserQueryCommands.RealNameLength];
        return TryCompleteRegistrationAsync(session, cancellationToken);
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

    /// <summary>
    /// Completes registration once NICK, USER and CAP END are in and no SASL exchange is under way:
    /// PASS is checked, an account is required if so configured, then the welcome burst.
    /// </summary>
    public static async ValueTask TryCompleteRegistrationAsync(IrcSession session, CancellationToken cancellationToken)
    {
        if (session.IsRegistered || session.QuitReason is not null || session.CapNegotiating || session.Sasl.InProgress
            || session.Nick is null || session.UserName is null)
        {
            return;
        }
        if (!await AccountCommands.CheckPassAsync(session, cancellationToken))
        {
            return;
        }
        if (session.Account is null && session.Server.Options.RequireAccount)
        {
            // As Ergo does with require-sasl, and the FAIL code soju's account-required spec names.
            session.Fail("*", "ACCOUNT_REQUIRED", "An account is required on this server: log in with SASL (or PASS account:password), or create one with REGISTER");
            session.Close("An account is required");
            return;
        }
        session.IsRegistered = true;
        session.SignedOnAt = session.Server.Time.GetUtcNow();
        var server = session.Server;
        server.Registered();
        await UserQueryCommands.PublishAsync(session, cancellationToken);
        await server.Monitors.NickOnlineAsync(session);
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
