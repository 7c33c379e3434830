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
        IReadOnlyList<string>? arguments, DateTimeOffset now, TimeProvider time, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal) { [room.Folded] = (room.Name, 1) };
        var (roomId, sequence) = (await RoomSequences.ReserveAsync(connection, transaction, counts, now, cancellationToken))[room.Folded];
        var stored = new MessageStored(MessageIds.New(time), Guid.CreateVersion7(now), room.Name, actor.AccountId, actor.Nick, actor.User, actor.Host,
            kind, text, ClientTags: null, now, sequence, arguments, actor.Account) { OccurredAt = now };
        var rows = new MessageRows(1);
        rows.Add(0, roomId, stored);
        await rows.InsertAsync(connection, transaction, cancellationToken);
        await OutboxWriter.AddAsync(connection, transaction, stored, cancellationToken);
        return stored;
    }
}
