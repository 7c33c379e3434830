using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// IRCv3 draft/message-redaction. The messages service, which owns the message rows, decides who may
/// redact (the author within a window, a room operator) and appends the REDACT to the room's stream;
/// every member with the cap, the sender included, sees it from there, and clients without the cap
/// see nothing (the spec forbids forwarding it to them). In a direct conversation only the author
/// may redact, and both parties see it. Refusals are the spec's standard replies.
/// </summary>
public static class RedactCommands
{
    private const string Command = "REDACT";

    // REDACT <target> <msgid> [:<reason>]
    public static async ValueTask RedactAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var target = message.Parameters[0];
        var msgid = message.Parameters[1];
        var reason = message.Parameters.Count > 2 && message.Parameters[2].Length > 0 ? message.Parameters[2] : null;
        if (!target.StartsWith('#'))
        {
            if (!session.Server.IsValidNick(target))
            {
                session.Fail(Command, "INVALID_TARGET", [target], $"You cannot delete messages from {target}");
                return;
            }
            var request = new DirectRedactRequest(session.ToRoomActor(), DirectMessageCommands.PartyOf(session), target, msgid, reason);
            Answer(session, target, msgid, await session.Server.RoomAuthority.RedactDirectAsync(request, cancellationToken));
            return;
        }
        // Only a member can redact in a room (the authority checks again).
        if (session.Server.Rooms.Find(target) is not { } room || !room.Contains(session))
        {
            session.Fail(Command, "INVALID_TARGET", [target], $"You cannot delete messages from {target}");
            return;
        }
        Answer(session, target, msgid, await session.Server.RoomAuthority.RedactAsync(room.Name, new RedactRequest(session.ToRoomActor(), msgid, reason), cancellationToken));
    }

    private static void Answer(IrcSession session, string target, string msgid, RoomAnswer<bool> answer)
    {
        switch (answer)
        {
            case { Outcome: RoomOutcome.Done }:
                return; // the REDACT comes back through the room's (or conversation's) stream
            case { Refusal: { Numeric: "REDACT_FORBIDDEN" or "UNKNOWN_MSGID" } refused }:
                session.Fail(Command, refused.Numeric, [target, msgid], refused.Text);
                return;
            case { Refusal: { Numeric: "REDACT_WINDOW_EXPIRED", Context: { } window } refused }:
                session.Fail(Command, refused.Numeric, [target, msgid, window], refused.Text);
                return;
            case { Refusal: not null }:
                // The room went away or the member left it meanwhile (403, 442, INVALID_TARGET).
                session.Fail(Command, "INVALID_TARGET", [target], $"You cannot delete messages from {target}");
                return;
            default:
                session.Fail(Command, "TEMPORARILY_UNAVAILABLE", [target], "Messages cannot be deleted right now; try again in a moment");
                return;
        }
    }
}
