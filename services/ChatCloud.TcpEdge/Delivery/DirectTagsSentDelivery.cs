using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Relays a TAGMSG sent to a nick: to the connection holding that nick here, if it negotiated
/// message-tags (IRCv3 message-tags: TAGMSG goes only to clients that can read it), and to its author
/// with echo-message, the echo answering a labeled TAGMSG.
/// </summary>
public sealed class DirectTagsSentDelivery(IrcServer server) : IEventHandler<DirectTagsSent>
{
    public Task HandleAsync(DirectTagsSent sent, EventContext context, CancellationToken cancellationToken)
    {
        var author = server.Pending.Complete(sent.Id, out var label);
        var recipient = server.Nicks.Find(sent.Recipient) is { IsRegistered: true } found ? found : null;
        var message = new IrcMessage($"{sent.AuthorNick}!{sent.AuthorUser}@{sent.AuthorHost}", "TAGMSG", [sent.Recipient]);
        var clientTags = sent.ClientTags.Where(t => t.Key.StartsWith('+')).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new IrcTag(t.Key, t.Value)).ToArray();
        if (recipient is not null)
        {
            Send(recipient, null);
        }
        if (author is not null && !ReferenceEquals(author, recipient) && author.Has(Capabilities.EchoMessage))
        {
            Send(author, label);
        }
        return Task.CompletedTask;

        void Send(IrcSession session, string? label)
        {
            if (!session.Has(Capabilities.MessageTags))
            {
                return;
            }
            var tags = session.Has(Capabilities.ServerTime)
                ? [new IrcTag("time", StoredMessageLine.ServerTime(sent.OccurredAt)), .. clientTags]
                : clientTags;
            var line = IrcWriter.GetBytes(message.WithTags(tags));
            session.Send(label is null ? line : IrcLineTags.Add(line, new IrcTag("label", label)));
        }
    }
}
