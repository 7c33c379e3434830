using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// Direct messages for this instance's web members (a broadcast subscription, as every TCP edge has:
/// Delivery/DirectMessageDelivery.cs there). A web member is an account, so it gets every message of
/// a conversation its account is a party of (<c>a:&lt;account&gt;</c>): those sent to it, and those its
/// account sent from any tab or IRC client, the sending tab's copy with its <c>localId</c>. The
/// <c>room</c> of the payload is the other party's nick, where the app files the conversation.
/// </summary>
internal sealed class WebDirectDelivery(WebMembers members, PendingWebPosts pending) : IBatchEventHandler<DirectMessageStored>
{
    public Task HandleBatchAsync(IReadOnlyList<EventDelivery<DirectMessageStored>> batch, CancellationToken cancellationToken)
    {
        foreach (var delivery in batch)
        {
            Deliver(delivery.Event);
        }
        return Task.CompletedTask;
    }

    private void Deliver(DirectMessageStored stored)
    {
        var author = pending.Complete(stored.PostId);
        if (stored.Kind is not ("PRIVMSG" or "NOTICE" or "REDACT") || !DirectConversation.TryParse(stored.Conversation, out var first, out var second))
        {
            return;
        }
        WebMember? previous = null;
        foreach (var member in new[] { members.FindByNick(stored.Recipient), AuthorOf(stored) })
        {
            if (member is null || ReferenceEquals(member, previous)
                || PartyOf(member) is var party && party != first && party != second)
            {
                continue;
            }
            previous = member;
            var sentByIt = stored.AuthorAccountId == member.AccountId;
            var peer = sentByIt ? stored.Recipient : stored.AuthorNick;
            var arguments = stored.RedactedMessageId is { } redacted ? new[] { redacted } : null;
            var payload = new WebRoomEvent(peer, stored.MessageId, stored.Sequence, stored.ServerTime, stored.Kind, stored.AuthorNick,
                stored.AuthorAccount, stored.Text, stored.ClientTags, arguments) { Direct = true };
            var method = stored.Kind == "REDACT" ? "event" : "message";
            foreach (var connection in members.ConnectionsOf(member))
            {
                var own = author is { } sent && ReferenceEquals(sent.Connection, connection);
                connection.Enqueue(new WebEvent(method, own ? payload with { LocalId = author!.Value.LocalId } : payload));
            }
        }
    }

    private WebMember? AuthorOf(DirectMessageStored stored) => stored.AuthorAccountId is { } id ? members.FindByAccount(id) : null;

    /// <summary>A web member as a party of a conversation: always its account (docs/architecture.md, "Direct messages").</summary>
    public static string PartyOf(WebMember member) =>
        DirectConversation.Party(IrcCaseMapping.Rfc1459.Fold(member.Account), IrcCaseMapping.Rfc1459.Fold(member.Nick));
}
