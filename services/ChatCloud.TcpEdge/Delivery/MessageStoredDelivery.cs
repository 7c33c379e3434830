using System.Globalization;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Every edge receives every stored room message (a broadcast subscription) and hands it to its
/// own members of the room. Each variant of the line (with or without <c>@time</c>) is serialised
/// at most once and shared by every member who gets it. The author's connection gets its own line
/// only with <c>echo-message</c>.
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
        var message = new IrcMessage($"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}", stored.Kind, [room.Name, stored.Text]);
        byte[]? plain = null;
        byte[]? timed = null;
        foreach (var member in room.Members)
        {
            if (ReferenceEquals(member, author) && !member.Has(Capabilities.EchoMessage))
            {
                continue;
            }
            member.Send(member.Has(Capabilities.ServerTime)
                ? timed ??= IrcWriter.GetBytes(message.WithTags([new IrcTag("time", ServerTime(stored.ServerTime))]))
                : plain ??= IrcWriter.GetBytes(message));
        }
        return Task.CompletedTask;
    }

    /// <summary>IRCv3 server-time: <c>YYYY-MM-DDThh:mm:ss.sssZ</c>, always UTC.</summary>
    public static string ServerTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
}
