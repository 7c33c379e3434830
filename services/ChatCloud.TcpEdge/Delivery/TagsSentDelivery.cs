using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Relays a room's TAGMSG to the local members who negotiated message-tags (a client without it
/// could not read the line: IRCv3 message-tags says TAGMSG goes only to those). The author gets its
/// own only with echo-message. Each variant (with or without <c>time</c>) is serialised once.
/// </summary>
public sealed class TagsSentDelivery(IrcServer server) : IEventHandler<TagsSent>
{
    public Task HandleAsync(TagsSent sent, EventContext context, CancellationToken cancellationToken)
    {
        var author = server.Pending.Complete(sent.Id, out var label);
        if (server.Rooms.Find(sent.Room) is not { } room)
        {
            return Task.CompletedTask;
        }
        var message = new IrcMessage($"{sent.AuthorNick}!{sent.AuthorUser}@{sent.AuthorHost}", "TAGMSG", [room.Name]);
        var clientTags = sent.ClientTags.Where(t => t.Key.StartsWith('+')).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new IrcTag(t.Key, t.Value)).ToArray();
        byte[]? plain = null;
        byte[]? timed = null;
        foreach (var member in room.Members)
        {
            if (!member.Has(Capabilities.MessageTags) || (ReferenceEquals(member, author) && !member.Has(Capabilities.EchoMessage)))
            {
                continue;
            }
            var line = member.Has(Capabilities.ServerTime)
                ? timed ??= IrcWriter.GetBytes(message.WithTags([new IrcTag("time", StoredMessageLine.ServerTime(sent.OccurredAt)), .. clientTags]))
                : plain ??= IrcWriter.GetBytes(message.WithTags(clientTags));
            // The author's echo answers its labeled TAGMSG (IRCv3 labeled-response).
            member.Send(label is not null && ReferenceEquals(member, author) ? IrcLineTags.Add(line, new IrcTag("label", label)) : line);
        }
        return Task.CompletedTask;
    }
}
