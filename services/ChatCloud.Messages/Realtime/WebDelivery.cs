using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// This instance's web tabs hear every stored room message and event, as every TCP edge does (a
/// broadcast subscription per instance), and each tab of each member of the room is sent it, the
/// sender's own tab with its <c>localId</c>. A member removed by someone else (KICK) or quit by the
/// authority (the sweeper, a stop) leaves the room here too. An INVITE also reaches the invited web
/// member, who is not in the room yet. The room cache (<see cref="WebRoomCache"/>) follows the stream.
/// </summary>
internal sealed class WebDelivery(WebMembers members, PendingWebPosts pending, WebRoomCache rooms) : IBatchEventHandler<MessageStored>
{
    public Task HandleBatchAsync(IReadOnlyList<EventDelivery<MessageStored>> batch, CancellationToken cancellationToken)
    {
        foreach (var delivery in batch)
        {
            Deliver(delivery.Event);
        }
        return Task.CompletedTask;
    }

    private void Deliver(MessageStored stored)
    {
        var author = pending.Complete(stored.PostId);
        if (!stored.Room.StartsWith('#'))
        {
            return; // a direct conversation's stream: DirectMessageStored is what carries it to the parties
        }
        var folded = IrcCaseMapping.Rfc1459.Fold(stored.Room);
        rooms.Saw(folded, stored.Kind, stored.Sequence);
        // The member this event takes out of the room, if it is one of ours.
        var removed = stored.Kind switch
        {
            "KICK" when stored.Arguments is [var kicked, ..] => kicked,
            "QUIT" or "PART" => stored.AuthorNick,
            _ => null,
        };
        var (connections, named) = members.ConnectionsIn(folded, removed);
        var payload = new WebRoomEvent(stored.Room, stored.MessageId, stored.Sequence, stored.ServerTime, stored.Kind, stored.AuthorNick,
            stored.AuthorAccount, stored.Text, stored.ClientTags, stored.Arguments);
        var method = stored.Kind is "PRIVMSG" or "NOTICE" ? "message" : "event";
        foreach (var connection in connections)
        {
            var own = author is { } sent && ReferenceEquals(sent.Connection, connection);
            connection.Enqueue(new WebEvent(method, own ? payload with { LocalId = author!.Value.LocalId } : payload));
        }
        if (stored is { Kind: "INVITE", Arguments: [var invited, ..] } && members.FindByNick(invited) is { } guest && !members.IsIn(guest, stored.Room))
        {
            foreach (var connection in members.ConnectionsOf(guest))
            {
                connection.Enqueue(new WebEvent("event", payload));
            }
        }
        if (named is not null)
        {
            members.Left(named, stored.Room);
            if (!members.AnyIn(folded))
            {
                rooms.Forget(folded);
            }
        }
    }
}
