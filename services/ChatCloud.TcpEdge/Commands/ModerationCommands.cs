using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// KICK, MODE and INVITE (Modern IRC). The room authority checks operators, bans and limits and
/// applies the change; the room sees it through its stream. Here: parsing, queries answered from
/// the replica, and the numerics for the one who asked.
/// </summary>
public static class ModerationCommands
{
    /// <summary>Most changes one MODE carries (<c>MODES=20</c>); more are ignored.</summary>

    // KICK <channel> <user>{,<user>} [<comment>]
    public static async ValueTask KickAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var name = message.Parameters[0];
        var reason = message.Parameters.Count > 2 ? message.Parameters[2] : null;
        foreach (var target in message.Parameters[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var answer = await session.Server.RoomAuthority.KickAsync(name, new KickRequest(session.ToRoomActor(), target, reason), cancellationToken);
            if (answer.Refusal is { Numeric: Numerics.ERR_USERNOTINCHANNEL } notThere)
            {
                session.Reply(notThere.Numeric, target, name, notThere.Text); // <client> <nick> <channel> :They aren't on that channel
            }
            else if (answer.Outcome != RoomOutcome.Done)
            {
                RoomCommands.Refuse(session, "KICK", name, answer.Refusal, "Nobody can be kicked right now; try again in a moment");
            }
        }
    }

    // INVITE [<nickname> <channel>]
    public static async ValueTask InviteAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (message.Parameters.Count == 0)
        {
            // Modern IRC: without parameters, the rooms one is invited to; invitations live with the authority, listed in full by none here.
            session.Reply(Numerics.RPL_ENDOFINVITELIST, "End of /INVITE list");
            return;
        }
        if (message.Parameters.Count < 2)
        {
            session.Reply(Numerics.ERR_NEEDMOREPARAMS, "INVITE", "Not enough parameters");
            return;
        }
        var (target, name) = (message.Parameters[0], message.Parameters[1]);
        if (await UserQueryCommands.FindUserAsync(session, target, cancellationToken) is not { } user)
        {
            session.Reply(Numerics.ERR_NOSUCHNICK, target, "No such nick/channel");
            return;
        }
        var answer = await session.Server.RoomAuthority.InviteAsync(name, new InviteRequest(session.ToRoomActor(), user.Nick), cancellationToken);
        if (answer.Refusal is { Numeric: Numerics.ERR_USERONCHANNEL } already)
        {
            session.Reply(already.Numeric, user.Nick, name, already.Text); // <client> <nick> <channel> :is already on channel
            return;
        }
        if (answer.Outcome != RoomOutcome.Done)
        {
            RoomCommands.Refuse(session, "INVITE", name, answer.Refusal, "Nobody can be invited right now; try again in a moment");
            return;
        }
        // RPL_INVITING to the inviter; the invited user (on whichever edge) and invite-notify operators hear it from the stream.
        session.Reply(Numerics.RPL_INVITING, user.Nick, session.Server.Rooms.Find(name)?.Name ?? name);
        if (user.Away is { } away)
        {
            session.Reply(Numerics.RPL_AWAY, user.Nick, away);
        }
    }

    // MODE <target> [<modestring> [<mode arguments>...]]
    public static async ValueTask ModeAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var target = message.Parameters[0];
        if (!target.StartsWith('#'))
        {
            await UserModes.ModeAsync(session, message, cancellationToken);
            return;
        }
        var (room, isMember) = await RoomReplies.ReadAsync(session, target, cancellationToken);
        if (room is null)
        {
            session.Reply(Numerics.ERR_NOSUCHCHANNEL, target, "No such channel");
            return;
        }
        if (message.Parameters.Count == 1)
        {
            SendModes(session, room, isMember);
            return;
        }
        var changes = ModeString.Parse(message.Parameters[1], message.Parameters.Skip(2).ToList(), out var listBans);
        if (listBans)
        {
            SendBans(session, room);
        }
        if (changes.Count == 0)
        {
            return;
        }
        var answer = await session.Server.RoomAuthority.ModesAsync(target, new ModeRequest(session.ToRoomActor(), changes), cancellationToken);
        if (answer is not { Outcome: RoomOutcome.Done, Value: { } result })
        {
            RoomCommands.Refuse(session, "MODE", target, answer.Refusal, "Modes cannot be changed right now; try again in a moment");
            return;
        }
        // What was applied reaches the whole room, this client included, from the stream.
        foreach (var refused in result.Refused)
        {
            session.Reply(refused.Numeric, [.. refused.Parameters, refused.Text]);
        }
    }

    /// <summary>RPL_CHANNELMODEIS and RPL_CREATIONTIME; the key is shown to members only.</summary>
    private static void SendModes(IrcSession session, RoomSnapshot room, bool isMember)
    {
        var modes = "+" + room.Modes;
        List<string> arguments = [];
        if (room.Key is not null)
        {
            modes += "k";
            arguments.Add(isMember ? room.Key : "*");
        }
        if (room.Limit is { } limit)
        {
            modes += "l";
            arguments.Add(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // Every argument is a middle parameter but the last, which a key never needs to be trailing for.
        session.Reply(Numerics.RPL_CHANNELMODEIS, [room.Name, modes, .. arguments]);
        session.Reply(Numerics.RPL_CREATIONTIME, room.Name, room.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>RPL_BANLIST for each ban (mask, who set it, when), then RPL_ENDOFBANLIST.</summary>
    private static void SendBans(IrcSession session, RoomSnapshot room)
    {
        foreach (var ban in room.Bans ?? [])
        {
            session.Reply(Numerics.RPL_BANLIST, room.Name, ban.Mask, ban.SetBy, ban.SetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        session.Reply(Numerics.RPL_ENDOFBANLIST, room.Name, "End of channel ban list");
    }
}
