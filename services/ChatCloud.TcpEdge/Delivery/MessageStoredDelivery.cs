using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Every edge receives every stored room message (a broadcast subscription) and hands it to its
/// own members of the room. Each variant of the line (with or without <c>time</c>, with or without
/// <c>msgid</c> and client-only tags) is serialised at most once and shared by every member who gets
/// it. The author's connection gets its own line only with <c>echo-message</c>. Events come in
/// batches (whatever the queue holds), in the order the messages service stored them; one seen
/// before is dropped.
/// </summary>
public sealed class MessageStoredDelivery(IrcServer server) : IBatchEventHandler<MessageStored>
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
        if (stored.Kind is not ("PRIVMSG" or "NOTICE"))
        {
            return; // membership events reach edges once rooms live with their authority (docs/architecture.md)
        }
        if (server.Rooms.Find(stored.Room) is not { } room || !room.TryAdvance(stored.Sequence))
        {
            return; // Nobody here is in that room, or it was delivered here already.
        }
        var prefix = $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}";
        // One slot per combination of the capabilities that change the line (see StoredMessageLine.Variants).
        var lines = new byte[]?[(int)StoredMessageLine.Variants + 1];
        foreach (var member in room.Members)
        {
            if (ReferenceEquals(member, author) && !member.Has(Capabilities.EchoMessage))
            {
                continue;
            }
            var variant = member.Capabilities & StoredMessageLine.Variants;
            var line = lines[(int)variant] ??= IrcWriter.GetBytes(StoredMessageLine.Create(
                prefix, stored.Kind, room.Name, stored.Text, stored.MessageId, stored.ServerTime, stored.ClientTags, variant));
            // The author's echo answers its labeled PRIVMSG (IRCv3 labeled-response), so it carries the label.
            member.Queue(label is not null && ReferenceEquals(member, author) ? IrcLineTags.Add(line, new IrcTag("label", label)) : line);
            touched.Add(member);
        }
    }
}
