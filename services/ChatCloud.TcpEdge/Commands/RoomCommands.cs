using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// Joining, leaving and reading rooms (Modern IRC, "Channel Operations"). Changes are decided by
/// the room authority; what every member sees of them comes back through the room's stream
/// (docs/architecture.md, "Users and rooms across edges"). Only the one who asked is answered here.
/// </summary>
public static class RoomCommands
{
    // JOIN <channel>{,<channel>} [<key>{,<key>}]
    public static async ValueTask JoinAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (message.Parameters[0] == "0")
        {
            // "JOIN 0" leaves every room (RFC 2812 3.2.1; Modern IRC keeps it).
            await PartAsync(session, new IrcMessage("PART", [string.Join(',', session.Server.Rooms.RoomsOf(session))]), cancellationToken);
            return;
        }
        var keys = message.Parameters.Count > 1 ? message.Parameters[1].Split(',') : [];
        var names = message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (!IrcCaseMapping.IsValidChannelName(name, IrcServer.ChannelLength))
            {
                session.Reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
                continue;
            }
            if (session.Server.Rooms.Find(name) is { } existing && existing.Contains(session))
            {
                continue; // Already there: servers ignore it (Modern IRC).
            }
            if (session.Server.Rooms.RoomsOf(session).Length >= session.Server.Options.MaxRoomsPerUser)
            {
                session.Reply(Numerics.ERR_TOOMANYCHANNELS, name, "You have joined too many channels");
                continue;
            }
            await JoinOneAsync(session, name, i < keys.Length && keys[i].Length > 0 ? keys[i] : null, cancellationToken);
        }
    }

    private static async Task JoinOneAsync(IrcSession session, string name, string? key, CancellationToken cancellationToken)
    {
        var rooms = session.Server.Rooms;
        var room = rooms.BeginJoin(name);
        session.HasAskedForRooms = true;
        RoomAnswer<JoinResult> answer;
        IrcMessage? markRead = null;
        try
        {
            // Bound before the authority is asked, so the room's events from this JOIN on reach this edge.
            if (session.Server.RoomSubscriptions is { } subscriptions)
            {
                await subscriptions.AddAsync(name, cancellationToken);
            }
            // Asked beside the JOIN, not after it: the welcome is written in one go, under the room's lock.
            var marker = ReadMarkerCommands.BeginJoinMarker(session, name, cancellationToken);
            answer = await session.Server.RoomAuthority.JoinAsync(name, new JoinRequest(session.ToRoomActor(), session.RealName, key), cancellationToken);
            if (marker is not null)
            {
                markRead = await marker;
            }
        }
        catch
        {
            rooms.AbortJoin(room);
            throw;
        }
        if (answer is not { Outcome: RoomOutcome.Done, Value: { } joined })
        {
            rooms.AbortJoin(room);
            Refuse(session, "JOIN", name, answer.Refusal, "Rooms cannot be joined right now; try again in a moment");
            return;
        }
        rooms.CompleteJoin(session, room, joined.Room, (snapshot, after) =>
        {
            // The joiner is told by its edge, in this order, before anything the stream brings next.
            session.Send(new IrcMessage(session.Prefix, "JOIN", session.Has(Capabilities.ExtendedJoin)
                ? [snapshot.Name, session.Account?.Name ?? "*", session.RealName ?? ""]
                : [snapshot.Name]));
            // Modern IRC: the topic (332, 333) follows a JOIN only when the room has one; never 331.
            if (snapshot.Topic is { } topic)
            {
                SendTopic(session, snapshot.Name, topic);
            }
            RoomReplies.SendNames(session, snapshot, markRead);
            foreach (var stored in after)
            {
                Replay(session, stored, snapshot.Name);
            }
        });
    }

    /// <summary>What the stream brought between the joiner's snapshot and its first live event.</summary>
    private static void Replay(IrcSession session, MessageStored stored, string room)
    {
        if (stored.Kind is "PRIVMSG" or "NOTICE")
        {
            var prefix = $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}";
            session.Send(StoredMessageLine.Create(prefix, stored.Kind, room, stored.Text, stored.MessageId, stored.ServerTime, stored.ClientTags,
                session.Capabilities & StoredMessageLine.Variants, account: stored.AuthorAccount));
        }
        else if (stored.Kind != "INVITE" && (stored.Kind != "REDACT" || session.Has(Capabilities.MessageRedaction)))
        {
            session.Send(RoomEventLine.Create(stored, room, session.Capabilities & RoomEventLine.Variants));
        }
    }

    // PART <channel>{,<channel>} [<reason>]
    public static async ValueTask PartAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var reason = message.Parameters.Count > 1 ? message.Parameters[1] : null;
        foreach (var name in message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var answer = await session.Server.RoomAuthority.PartAsync(name, new PartRequest(session.ToRoomActor(), reason), cancellationToken);
            if (answer.Outcome != RoomOutcome.Done)
            {
                Refuse(session, "PART", name, answer.Refusal, "Rooms cannot be left right now; try again in a moment");
                continue;
            }
            // The others here see the PART from the stream; the one leaving at once, and then no more of the room.
            var room = session.Server.Rooms.Find(name);
            session.Send(new IrcMessage(session.Prefix, "PART", reason is null ? [room?.Name ?? name] : [room?.Name ?? name, reason]));
            if (room is not null)
            {
                session.Server.Rooms.Leave(session, room);
            }
        }
    }

    // NAMES [<channel>{,<channel>}]
    public static async ValueTask NamesAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (message.Parameters.Count == 0)
        {
            session.Reply(Numerics.RPL_ENDOFNAMES, "*", "End of /NAMES list");
            return;
        }
        foreach (var name in message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (snapshot, isMember) = await RoomReplies.ReadAsync(session, name, cancellationToken);
            // A secret room is not shown to those outside it (Modern IRC, NAMES).
            if (snapshot is not null && (isMember || !snapshot.Modes.Contains('s', StringComparison.Ordinal)))
            {
                RoomReplies.SendNames(session, snapshot);
            }
            else
            {
                session.Reply(Numerics.RPL_ENDOFNAMES, name, "End of /NAMES list");
            }
        }
    }

    // TOPIC <channel> [<topic>]
    public static async ValueTask TopicAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var name = message.Parameters[0];
        if (message.Parameters.Count > 1)
        {
            var topic = message.Parameters[1];
            var answer = await session.Server.RoomAuthority.TopicAsync(name, new TopicRequest(session.ToRoomActor(), topic), cancellationToken);
            if (answer.Outcome != RoomOutcome.Done)
            {
                Refuse(session, "TOPIC", name, answer.Refusal, "The topic cannot be changed right now; try again in a moment");
            }
            return; // Everyone in the room, the setter included, sees the TOPIC from the stream.
        }
        var (snapshot, isMember) = await RoomReplies.ReadAsync(session, name, cancellationToken);
        if (snapshot is null)
        {
            session.Reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
        }
        else if (!isMember && snapshot.Modes.Contains('s', StringComparison.Ordinal))
        {
            session.Reply(Numerics.ERR_NOTONCHANNEL, name, "You're not on that channel");
        }
        else if (snapshot.Topic is { } topic)
        {
            SendTopic(session, snapshot.Name, topic);
        }
        else
        {
            session.Reply(Numerics.RPL_NOTOPIC, snapshot.Name, "No topic is set");
        }
    }

    private static void SendTopic(IrcSession session, string room, RoomTopic topic)
    {
        session.Reply(Numerics.RPL_TOPIC, room, topic.Text);
        session.Reply(Numerics.RPL_TOPICWHOTIME, room, topic.SetBy, topic.SetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A refusal's numeric as the authority chose it; no answer at all is a FAIL the client can retry.</summary>
    internal static void Refuse(IrcSession session, string command, string subject, RoomRefused? refusal, string unavailable)
    {
        if (refusal is not null)
        {
            session.Reply(refusal.Numeric, subject, refusal.Text);
        }
        else
        {
            session.Fail(command, "TEMPORARILY_UNAVAILABLE", subject, unavailable);
        }
    }
}
