using ChatCloud.Contracts.History;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.History;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// IRCv3 draft/chathistory, answered from the history service. Every message a client saw live was
/// stored first (docs/architecture.md, "The message pipeline"), so <c>AFTER msgid=&lt;last seen&gt;</c>
/// returns exactly what it missed. Replies go in a <c>chathistory</c> batch when the client has
/// <c>batch</c>; failures are standard replies (<c>FAIL CHATHISTORY …</c>) as the spec lists them.
/// </summary>
public static class HistoryCommands
{
    private const string Command = "CHATHISTORY";

    // CHATHISTORY <subcommand> <target> <timestamp | msgid | *> [<timestamp | msgid>] <limit>
    // CHATHISTORY TARGETS <timestamp> <timestamp> <limit>
    public static async ValueTask ChatHistoryAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (!ChatHistoryRequest.TryParse(message.Parameters, out var request, out var refusal))
        {
            session.Fail(Command, "INVALID_PARAMS", refusal.Context, refusal.Description);
            return;
        }
        if (request.Target is not { } target)
        {
            await TargetsAsync(session, request, cancellationToken);
            return;
        }
        if (target.StartsWith('#'))
        {
            await RoomAsync(session, request, target, cancellationToken);
            return;
        }
        if (session.Server.IsValidNick(target))
        {
            await ConversationAsync(session, request, target, cancellationToken);
            return;
        }
        FailTarget(session, request, target);
    }

    private static async ValueTask RoomAsync(IrcSession session, ChatHistoryRequest request, string target, CancellationToken cancellationToken)
    {
        // Only members read a room's history; a non-member cannot even learn whether it exists.
        if (session.Server.Rooms.Find(target) is not { } room || !room.Contains(session))
        {
            FailTarget(session, request, target);
            return;
        }
        var query = new HistoryQuery(room.Name, request.Subcommand.ToLowerInvariant(), request.Reference, request.SecondReference, request.Limit,
            Events: session.Has(Capabilities.EventPlayback))
        {
            OnBehalfOf = session.Account?.Id,
        };
        var answer = await session.Server.History.GetMessagesAsync(query, cancellationToken);
        SendMessages(session, request, target, room.Name, answer);
    }

    /// <summary>
    /// The conversation between this connection and a nick: the history service serves it to its parties
    /// only, so the edge says who asks (the account, or the nick for a guest). A conversation never had is
    /// an empty batch, not an error: whether a nick exists is not history's to say.
    /// </summary>
    private static async ValueTask ConversationAsync(IrcSession session, ChatHistoryRequest request, string target, CancellationToken cancellationToken)
    {
        var query = new HistoryQuery(target, request.Subcommand.ToLowerInvariant(), request.Reference, request.SecondReference, request.Limit);
        var answer = await session.Server.History.GetConversationAsync(DirectMessageCommands.PartyOf(session), query, cancellationToken);
        SendMessages(session, request, target, target, answer);
    }

    private static void SendMessages(IrcSession session, ChatHistoryRequest request, string target, string name, HistoryAnswer<HistoryMessage> answer)
    {
        switch (answer.Outcome)
        {
            case HistoryOutcome.UnknownMessage:
                session.Fail(Command, "INVALID_PARAMS", [request.Subcommand], "Unknown msgid");
                return;
            case HistoryOutcome.Unavailable:
                session.Fail(Command, "MESSAGE_ERROR", [request.Subcommand, target], "Messages could not be retrieved");
                return;
        }
        var capabilities = session.Capabilities;
        SendBatch(session, "chathistory", [name], (batch, send) =>
        {
            foreach (var entry in answer.Items)
            {
                // The spec: without draft/event-playback, "MUST NOT send any lines other than PRIVMSG and NOTICE".
                var isMessage = RoomEventKinds.IsMessage(entry.Kind);
                if (!isMessage && !capabilities.HasFlag(Capabilities.EventPlayback))
                {
                    continue;
                }
                // A direct message's line names its recipient, as it did live; a room message's, the room.
                // An event is written as live delivery writes it (RoomEventLine), so both lines match.
                var line = isMessage
                    ? StoredMessageLine.Create($"{entry.Nick}!{entry.User}@{entry.Host}", entry.Kind, entry.Target ?? name, entry.Text,
                        entry.Msgid, entry.Time, entry.ClientTags, capabilities, batch, entry.AccountName)
                    : RoomEventLine.Create(new RoomEvent(entry.Kind, entry.Nick, entry.User, entry.Host, entry.Text, entry.Arguments, entry.Msgid, entry.Time,
                        entry.AccountName), name, capabilities, batch);
                // A line the live path could not have sent either (over-long with its prefix) is left out, not fatal.
                if (IrcWriter.TryGetBytes(line, out var bytes) == IrcWriteError.None)
                {
                    send(bytes);
                }
            }
        });
    }

    private static async ValueTask TargetsAsync(IrcSession session, ChatHistoryRequest request, CancellationToken cancellationToken)
    {
        // TARGETS lists the rooms the client is in now (the only ones whose history it may read) and
        // its conversations, each with the time of its latest message in the window (draft/chathistory).
        var rooms = session.Server.Rooms.RoomsOf(session);
        IReadOnlyList<RoomActivity> roomTargets = [];
        if (rooms.Length > 0)
        {
            var answer = await session.Server.History.GetTargetsAsync(rooms, request.Reference, request.SecondReference!, request.Limit, cancellationToken);
            if (answer.Outcome != HistoryOutcome.Found)
            {
                session.Fail(Command, "MESSAGE_ERROR", [request.Subcommand, "*"], "Messages could not be retrieved");
                return;
            }
            roomTargets = answer.Items;
        }
        var conversations = await session.Server.History.GetConversationTargetsAsync(
            DirectMessageCommands.PartyOf(session), request.Reference, request.SecondReference!, request.Limit, cancellationToken);
        if (conversations.Outcome != HistoryOutcome.Found)
        {
            session.Fail(Command, "MESSAGE_ERROR", [request.Subcommand, "*"], "Messages could not be retrieved");
            return;
        }
        // Each list holds the limit nearest the window's start; so does their merge.
        // Both references were checked as timestamps when the command was parsed.
        var ascending = !(ChatHistoryRequest.TryParseTime(request.Reference, out var from)
            && ChatHistoryRequest.TryParseTime(request.SecondReference!, out var to) && from > to);
        var merged = roomTargets.Concat(conversations.Items);
        var targets = (ascending ? merged.OrderBy(t => t.Latest) : merged.OrderByDescending(t => t.Latest))
            .Take(request.Limit).OrderBy(t => t.Latest).ToList();
        var server = session.Server.Name;
        SendBatch(session, "draft/chathistory-targets", [], (batch, send) =>
        {
            foreach (var target in targets)
            {
                var name = session.Server.Rooms.Find(target.Room)?.Name ?? target.Room;
                var line = new IrcMessage(server, Command, ["TARGETS", name, StoredMessageLine.ServerTime(target.Latest)]);
                send(IrcWriter.GetBytes(batch is null ? line : line.WithTags([new IrcTag("batch", batch)])));
            }
        });
    }

    /// <summary>
    /// <c>BATCH +id type params…</c>, the lines, <c>BATCH -id</c> for a client with <c>batch</c>; the
    /// bare lines for one without (the spec asks for a batch only when it was negotiated).
    /// </summary>
    private static void SendBatch(IrcSession session, string type, IReadOnlyList<string> parameters, Action<string?, Action<byte[]>> body)
    {
        if (!session.Has(Capabilities.Batch))
        {
            body(null, line => session.Send(line));
            return;
        }
        var id = session.NextBatchId();
        session.Send(new IrcMessage(session.Server.Name, "BATCH", ["+" + id, type, .. parameters]));
        body(id, line => session.Send(line));
        session.Send(new IrcMessage(session.Server.Name, "BATCH", ["-" + id]));
    }

    private static void FailTarget(IrcSession session, ChatHistoryRequest request, string target) =>
        session.Fail(Command, "INVALID_TARGET", [request.Subcommand, target], "Messages could not be retrieved");
}
