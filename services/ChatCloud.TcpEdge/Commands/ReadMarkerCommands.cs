using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// IRCv3 draft/read-marker: an account's read position per room or conversation, kept by the messages
/// service so it follows the user to every device. A guest has no account to keep it under: it is
/// answered <c>MARKREAD &lt;target&gt; *</c> (no known position) and nothing is stored. The other
/// connections of the account hear of a move through the bus (Delivery/ReadMarkerDelivery.cs).
/// </summary>
public static class ReadMarkerCommands
{
    private const string Command = "MARKREAD";

    // MARKREAD <target> [timestamp=YYYY-MM-DDThh:mm:ss.sssZ]
    public static async ValueTask MarkReadAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (message.Parameters.Count == 0)
        {
            session.Fail(Command, "NEED_MORE_PARAMS", "Missing parameters");
            return;
        }
        var target = message.Parameters[0];
        if (!IrcCaseMapping.IsValidChannelName(target, IrcServer.ChannelLength) && !session.Server.IsValidNick(target))
        {
            session.Fail(Command, "INVALID_PARAMS", [target], "Invalid parameters");
            return;
        }
        DateTimeOffset? readAt = null;
        if (message.Parameters.Count > 1)
        {
            // A client may only set a time a message carried; "*" is the server's word for none.
            if (!ChatHistoryRequest.TryParseTime(message.Parameters[1], out var time))
            {
                session.Fail(Command, "INVALID_PARAMS", [message.Parameters[1]], "Invalid parameters");
                return;
            }
            readAt = time;
        }
        if (session.Account is not { } account)
        {
            session.Send(Line(session.Server, target, null));
            return;
        }
        var answer = readAt is { } set
            ? await session.Server.RoomAuthority.SetReadMarkerAsync(account.Id, new ReadMarkerRequest(target, set, session.Server.RoomAuthority.Edge, session.Id), cancellationToken)
            : await session.Server.RoomAuthority.GetReadMarkerAsync(account.Id, target, cancellationToken);
        if (answer is { Outcome: RoomOutcome.Done, Value: { } marker })
        {
            session.Send(Line(session.Server, target, marker.ReadAt));
        }
        else
        {
            session.Fail(Command, "INTERNAL_ERROR", [target], readAt is null ? "The read timestamp could not be returned" : "The read timestamp could not be set");
        }
    }

    /// <summary>
    /// What a connection with the cap is told after it joins <paramref name="room"/> (the spec has it
    /// come before RPL_ENDOFNAMES): started with the JOIN, so it costs the join no extra round trip.
    /// Null when the connection did not ask for read markers.
    /// </summary>
    public static Task<IrcMessage>? BeginJoinMarker(IrcSession session, string room, CancellationToken cancellationToken)
    {
        if (!session.Has(Capabilities.ReadMarker))
        {
            return null;
        }
        if (session.Account is not { } account)
        {
            return Task.FromResult(Line(session.Server, room, null));
        }
        return FetchAsync(session, account.Id, room, cancellationToken);

        static async Task<IrcMessage> FetchAsync(IrcSession session, Guid account, string room, CancellationToken cancellationToken)
        {
            var answer = await session.Server.RoomAuthority.GetReadMarkerAsync(account, room, cancellationToken);
            return answer is { Outcome: RoomOutcome.Done, Value: { } marker }
                ? Line(session.Server, room, marker.ReadAt)
                : new IrcMessage(session.Server.Name, "FAIL", [Command, "INTERNAL_ERROR", room, "The read timestamp could not be returned"]);
        }
    }

    /// <summary><c>:server MARKREAD &lt;target&gt; timestamp=…</c>, or <c>*</c> when no position is known.</summary>
    public static IrcMessage Line(IrcServer server, string target, DateTimeOffset? readAt) =>
        new(server.Name, Command, [target, readAt is { } time ? "timestamp=" + StoredMessageLine.ServerTime(time) : "*"]);
}
