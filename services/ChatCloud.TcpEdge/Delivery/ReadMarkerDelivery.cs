using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Commands;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// Every edge hears every moved read position (a broadcast subscription) and tells the account's
/// connections here that negotiated draft/read-marker, as the spec asks ("to all the clients of the
/// user"). The connection that moved it was answered by its own edge and is skipped.
/// </summary>
public sealed class ReadMarkerDelivery(IrcServer server) : IEventHandler<ReadMarkerSet>
{
    public Task HandleAsync(ReadMarkerSet set, EventContext context, CancellationToken cancellationToken)
    {
        var isOriginEdge = string.Equals(set.OriginEdge, server.RoomAuthority.Edge, StringComparison.Ordinal);
        byte[]? line = null;
        foreach (var session in server.Nicks.Sessions)
        {
            if (session is not { IsRegistered: true } || session.Account?.Id != set.AccountId || !session.Has(Capabilities.ReadMarker)
                || (isOriginEdge && string.Equals(session.Id, set.OriginSession, StringComparison.Ordinal)))
            {
                continue;
            }
            session.Send(line ??= ChatCloud.Irc.IrcWriter.GetBytes(ReadMarkerCommands.Line(server, set.Target, set.ReadAt)));
        }
        return Task.CompletedTask;
    }
}
