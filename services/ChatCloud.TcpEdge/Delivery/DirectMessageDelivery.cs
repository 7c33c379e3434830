using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Commands;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Every edge hears every stored direct message (a broadcast subscription) and hands it to the
/// parties it holds: the recipient, if it holds the nick the message was sent to and is still the
/// party the conversation was keyed for (a guest that took the nick meanwhile is not), and the
/// author's own connection with <c>echo-message</c>. Both get the line history will show
/// (<see cref="StoredMessageLine"/>), so <c>msgid</c> and <c>time</c> match. A conversation's
/// sequence delivered to a connection before (the relay sent a batch twice) is dropped.
/// </summary>
public sealed class DirectMessageDelivery(IrcServer server) : IBatchEventHandler<DirectMessageStored>
{
    public Task HandleBatchAsync(IReadOnlyList<EventDelivery<DirectMessageStored>> batch, CancellationToken cancellationToken)
    {
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

    private void Deliver(DirectMessageStored stored, HashSet<IrcSession> touched)
    {
        var author = server.Pending.Complete(stored.PostId);
        if (!DirectConversation.TryParse(stored.Conversation, out var first, out var second))
        {
            return;
        }
        var prefix = $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}";
        if (stored is { Kind: "REDACT", RedactedMessageId: { } redacted })
        {
            DeliverRedaction(stored, redacted, prefix, first, second, touched);
            return;
        }
        if (stored.Kind is not ("PRIVMSG" or "NOTICE"))
        {
            return;
        }
        var recipient = server.Nicks.Find(stored.Recipient);
        if (recipient is { IsRegistered: true } && DirectMessageCommands.PartyOf(recipient) is var party && (party == first || party == second))
        {
            // A note to oneself reaches its author once, as its recipient.
            Queue(recipient, stored, prefix, touched);
        }
        if (author is not null && !ReferenceEquals(author, recipient) && author.Has(Capabilities.EchoMessage))
        {
            Queue(author, stored, prefix, touched);
        }
    }

    /// <summary>
    /// A REDACT (only its author may send one) goes to whoever holds either party here and negotiated
    /// draft/message-redaction, as <c>REDACT &lt;recipient&gt; &lt;msgid&gt;</c>: the target of the line it takes back.
    /// </summary>
    private void DeliverRedaction(DirectMessageStored stored, string redacted, string prefix, string first, string second, HashSet<IrcSession> touched)
    {
        var parameters = stored.Text.Length == 0 ? new[] { stored.Recipient, redacted } : [stored.Recipient, redacted, stored.Text];
        var message = new IrcMessage(prefix, "REDACT", parameters);
        IrcSession? previous = null;
        foreach (var nick in new[] { stored.Recipient, stored.AuthorNick })
        {
            if (server.Nicks.Find(nick) is not { IsRegistered: true } holder || ReferenceEquals(holder, previous)
                || DirectMessageCommands.PartyOf(holder) is var party && party != first && party != second)
            {
                continue;
            }
            previous = holder;
            if (holder.Has(Capabilities.MessageRedaction) && holder.TryAdvanceConversation(stored.Conversation, stored.Sequence))
            {
                var line = StoredMessageLine.WithServerTags(message, stored.MessageId, stored.ServerTime, holder.Capabilities, batch: null, stored.AuthorAccount);
                holder.Queue(IrcWriter.GetBytes(line));
                touched.Add(holder);
            }
        }
    }

    private static void Queue(IrcSession session, DirectMessageStored stored, string prefix, HashSet<IrcSession> touched)
    {
        if (!session.TryAdvanceConversation(stored.Conversation, stored.Sequence))
        {
            return;
        }
        var line = StoredMessageLine.Create(prefix, stored.Kind, stored.Recipient, stored.Text, stored.MessageId, stored.ServerTime,
            stored.ClientTags, session.Capabilities & StoredMessageLine.Variants, account: stored.AuthorAccount);
        session.Queue(IrcWriter.GetBytes(line));
        touched.Add(session);
    }
}
