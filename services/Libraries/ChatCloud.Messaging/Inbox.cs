using Npgsql;

namespace ChatCloud.Messaging;

/// <summary>
/// Deduplication for handlers that write to PostgreSQL: call it first in the handler's own
/// transaction and skip the work when it returns false. The mark commits or rolls back with the
/// work, so an event counts as handled exactly when its effects are stored.
/// </summary>
public static class Inbox
{
    /// <param name="consumer">Who handled it, usually <see cref="EventContext.Queue"/>: two consumers of one event each handle it once.</param>
    /// <returns>False when this consumer has already handled the event (committed, or in a transaction that then commits).</returns>
    public static async Task<bool> TryMarkHandledAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string consumer, Guid eventId, CancellationToken cancellationToken) =>
        (await TryMarkHandledAsync(connection, transaction, consumer, [eventId], cancellationToken)).Count == 1;

    /// <summary>The batch form: marks every event of <paramref name="eventIds"/> at once.</summary>
    /// <returns>The events not handled before, now marked: handle exactly these.</returns>
    public static async Task<HashSet<Guid>> TryMarkHandledAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string consumer, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(eventIds);
        // A concurrent duplicate blocks on the key until the first transaction ends, then sees the
        // conflict (it committed) or inserts (it rolled back): never both handle it. A duplicate
        // within the batch is inserted once.
        await using var command = new NpgsqlCommand(
            "INSERT INTO messaging.inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id",
            connection, transaction)
        {
            Parameters = { new() { Value = consumer }, new() { Value = eventIds.ToArray() } },
        };
        HashSet<Guid> marked = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marked.Add(reader.GetGuid(0));
        }
        return marked;
    }
}
