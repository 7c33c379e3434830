using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// A read position moved (IRCv3 draft/read-marker, set by MARKREAD or a tab): the account's other web
/// tabs are sent <c>read</c>, as its IRC clients with the cap are sent MARKREAD. The tab that set it
/// had its answer.
/// </summary>
internal sealed class WebReadMarkerDelivery(WebMembers members) : IEventHandler<ReadMarkerSet>
{
    public Task HandleAsync(ReadMarkerSet set, EventContext context, CancellationToken cancellationToken)
    {
        if (members.FindByAccount(set.AccountId) is not { } member)
        {
            return Task.CompletedTask;
        }
        var fromHere = string.Equals(set.OriginEdge, members.Edge, StringComparison.Ordinal);
        var notice = new WebEvent("read", new WebReadPosition(set.Target, set.ReadAt));
        foreach (var connection in members.ConnectionsOf(member))
        {
            if (!(fromHere && string.Equals(connection.Id, set.OriginSession, StringComparison.Ordinal)))
            {
                connection.Enqueue(notice);
            }
        }
        return Task.CompletedTask;
    }
}
