using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Each edge receives the streams of the rooms its users are in (RoomSubscriptions): stored messages and room
/// events in one order. Each event first moves the room's replica on (one seen before is dropped),
/// then goes to the local members who joined before it. Each variant of a line is serialised at
/// most once and shared by every member who gets it. The author's connection gets its own message
/// only with <c>echo-message</c>. Events come in batches; each writer is woken once per batch.
/// </summary>
public sealed partial class MessageStoredDelivery(IrcServer server, ILogger<MessageStoredDelivery>? logger = null) : IBatchEventHandler<MessageStored>
{
    public Task HandleBatchAsync(IReadOnlyList<EventDelivery<MessageStored>> batch, CancellationToken cancellationToken)
    {
        // Every member's lines of the whole batch are queued first, then each writer is woken once.
        var touched = new HashSet<IrcSession>();
        foreach (var delivery in batch)
        {
            Deliver(delivery.Event, touched);
        }
        foreach (var session in touched)
        {
            session.Wake();
        }
        return Task.CompletedTask;
    }

    public Task HandleAsync(MessageStored stored, EventContext context, CancellationToken cancellationToken) =>
        HandleBatchAsync([new EventDelivery<MessageStored>(stored, context)], cancellationToken);

    private void Deliver(MessageStored stored, HashSet<IrcSession> touched)
    {
        var author = server.Pending.Complete(stored.PostId, out var label);
        if (stored.Kind == "INVITE")
        {
            // The invited user is seldom in the room: found by nick, wherever the room's replica is.
            Invite(stored, touched);
        }
        if (server.Rooms.Find(stored.Room) is not { } room || !room.Receive(stored, out var gap))
        {
            return; // Nobody here is in that room, or it was delivered here already.
        }
        if (gap)
        {
            _ = RefreshAsync(room);
        }
        if (stored.Kind is "PRIVMSG" or "NOTICE")
        {
            DeliverMessage(stored, room, author, label, touched);
        }
        else
        {
            DeliverEvent(stored, room, touched);
        }
    }

    private static void DeliverMessage(MessageStored stored, LocalRoom room, IrcSession? author, string? label, HashSet<IrcSession> touched)
    {
        var prefix = $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}";
        // One slot per combination of the capabilities that change the line (see StoredMessageLine.Variants).
        var lines = new byte[]?[StoredMessageLine.Slots];
        foreach (var (member, joinedAt) in room.Local)
        {
            if (joinedAt >= stored.Sequence || (ReferenceEquals(member, author) && !member.Has(Capabilities.EchoMessage)))
            {
                continue;
            }
            var variant = member.Capabilities & StoredMessageLine.Variants;
            var line = lines[StoredMessageLine.Slot(variant)] ??= IrcWriter.GetBytes(StoredMessageLine.Create(
                prefix, stored.Kind, room.Name, stored.Text, stored.MessageId, stored.ServerTime, stored.ClientTags, variant, account: stored.AuthorAccount));
            // The author's echo answers its labeled PRIVMSG (IRCv3 labeled-response), so it carries the label.
            member.Queue(label is not null && ReferenceEquals(member, author) ? IrcLineTags.Add(line, new IrcTag("label", label)) : line);
            touched.Add(member);
        }
    }

    private void DeliverEvent(MessageStored stored, LocalRoom room, HashSet<IrcSession> touched)
    {
        var target = stored.Arguments is [var first, ..] ? first : null;
        // A QUIT or nick change reaches every room the user was in: each member is shown it once.
        var sharedKey = stored.Kind is "QUIT" or "NICK" ? $"{stored.Kind} {stored.AuthorNick} {stored.ServerTime.UtcTicks}" : null;
        var lines = new byte[]?[StoredMessageLine.Slots];
        IrcSession? leaving = null;
        foreach (var (member, joinedAt) in room.Local)
        {
            if (joinedAt >= stored.Sequence)
            {
                continue;
            }
            var isAuthor = IrcCaseMapping.Rfc1459.Equals(member.Nick, stored.AuthorNick);
            var isTarget = target is not null && IrcCaseMapping.Rfc1459.Equals(member.Nick, target);
            switch (stored.Kind)
            {
                case "NICK" when isTarget:
                    continue; // the renamed connection was told by its own edge
                case "QUIT" or "PART" when isAuthor:
                    leaving = member; // the authority no longer lists it (swept): it is not a member here either
                    continue;
                case "KICK" when isTarget:
                    leaving = member;
                    break;
                case "INVITE" when isTarget || !member.Has(Capabilities.InviteNotify) || room.PrefixesOf(member.Nick ?? "")?.Contains('o', StringComparison.Ordinal) != true:
                    continue; // invite-notify: the room's operators who asked for it
                case "REDACT" when !member.Has(Capabilities.MessageRedaction):
                    continue; // draft/message-redaction: never to a client without the cap
            }
            if (sharedKey is not null && !member.FirstTimeShown(sharedKey))
            {
                continue;
            }
            var variant = member.Capabilities & RoomEventLine.Variants;
            member.Queue(lines[StoredMessageLine.Slot(variant)] ??= IrcWriter.GetBytes(RoomEventLine.Create(stored, room.Name, variant)));
            touched.Add(member);
        }
        if (leaving is not null)
        {
            server.Rooms.Leave(leaving, room);
        }
    }

    private void Invite(MessageStored stored, HashSet<IrcSession> touched)
    {
        if (stored.Arguments is [var target, ..] && server.Nicks.Find(target) is { IsRegistered: true } invited)
        {
            invited.Queue(IrcWriter.GetBytes(RoomEventLine.Create(stored, stored.Room, invited.Capabilities & RoomEventLine.Variants)));
            touched.Add(invited);
        }
    }

    /// <summary>Events were missed (a bus reconnect): the replica is reloaded from the authority.</summary>
    private async Task RefreshAsync(LocalRoom room)
    {
        if (logger is not null)
        {
            LogGap(logger, room.Name);
        }
        var answer = await server.RoomAuthority.FindAsync(room.Name, CancellationToken.None);
        if (answer is { Outcome: RoomOutcome.Done, Value: { } snapshot })
        {
            room.Refresh(snapshot);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of room {Room} were missed; reloading it from the authority")]
    private static partial void LogGap(ILogger logger, string room);
}
