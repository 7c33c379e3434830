using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Every edge receives every stored room message (a broadcast subscription) and hands it to its
/// own members of the room: one serialisation, shared by all of them. The author's session gets
/// no copy of its own line (echo-message is a capability it has not asked for).
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
        var source = $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}";
        var line = IrcWriter.GetBytes(new IrcMessage(source, stored.Kind, [room.Name, stored.Text]));
        room.Broadcast(line, except: author);
        return Task.CompletedTask;
    }
}
