using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Messages.Posting;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// Appends a room event (JOIN, PART, …) to the room's stream: the same rows and sequence as its
/// messages, and the same <see cref="MessageStored"/> event through the outbox, so every reader sees
/// membership and messages in one order. Call inside the transaction that changes the room state.
/// One change that touches several rooms (a QUIT, a nick change) passes one <c>now</c> to each, so
/// an edge can tell the copies apart from distinct events.
/// </summary>
internal static class RoomStream
{
    public static async Task<MessageStored> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RoomRow room, RoomActor actor, string kind, string text,
        IReadOnlyList<string>? arguments, DateTimeOffset now, TimeProvider time, CancellationToken cancellationToken) =>
        (await AppendRangeAsync(connection, transaction, room, [new StreamEvent(actor, kind, text, arguments, now)], time, cancellationToken))[0];

    /// <summary>Several events in one go, in order, with consecutive sequences (a batch of JOINs or QUITs).</summary>
    public static async Task<MessageStored[]> AppendRangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RoomRow room, IReadOnlyList<StreamEvent> events, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal) { [room.Folded] = (room.Name, events.Count) };
        var (roomId, first) = (await RoomSequences.ReserveAsync(connection, transaction, counts, events[0].At, cancellationToken))[room.Folded];
        var rows = new MessageRows(events.Count);
        var stored = new MessageStored[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (actor, kind, text, arguments, at) = events[i];
            stored[i] = new MessageStored(MessageIds.New(time), Guid.CreateVersion7(at), room.Name, actor.AccountId, actor.Nick, actor.User, actor.Host,
                kind, text, ClientTags: null, at, first + i, arguments, actor.Account) { OccurredAt = at };
            rows.Add(i, roomId, stored[i]);
        }
        await rows.InsertAsync(connection, transaction, cancellationToken);
        await OutboxWriter.AddRangeAsync(connection, transaction, stored, cancellationToken);
        return stored;
    }
}

/// <summary>One room event to append: who, the verb, its trailing text and middle arguments, and when.</summary>
internal sealed record StreamEvent(RoomActor Actor, string Kind, string Text, IReadOnlyList<string>? Arguments, DateTimeOffset At);
