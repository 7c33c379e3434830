using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Every edge receives every stored room message (a broadcast subscription) and hands it to its
/// own members of the room. Each variant of the line (with or without <c>time</c>, with or without
/// <c>msgid</c> and client-only tags) is serialised at most once and shared by every member who gets
/// it. The author's connection gets its own line only with <c>echo-message</c>.
/// </summary>
public sealed class MessageStoredDelivery(IrcServer server) : IEventHandler<MessageStored>
{
    public Task HandleAsync(MessageStored stored, EventContext context, CancellationToken cancellationToken)
    {
        var author = server.Pending.Complete(stored.PostId);
        if (server.Rooms.Find(stored.Room) is not { } room)
        {
            return Task.CompletedTask; // Nobody here is in that room.
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
            member.Send(lines[(int)variant] ??= IrcWriter.GetBytes(StoredMessageLine.Create(
                prefix, stored.Kind, room.Name, stored.Text, stored.MessageId, stored.ServerTime, stored.ClientTags, variant)));
        }
        return Task.CompletedTask;
    }
}
