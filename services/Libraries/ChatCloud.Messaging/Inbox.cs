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
        NpgsqlConnection connection, NpgsqlTransaction transaction, string consumer, Guid eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        // A concurrent duplicate blocks on the key until the first transaction ends, then sees the
        // conflict (it committed) or inserts (it rolled back): never both handle it.
        await using var command = new NpgsqlCommand(
            "INSERT INTO messaging.inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection, transaction)
        {
            Parameters = { new() { Value = consumer }, new() { Value = eventId } },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
