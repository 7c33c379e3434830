using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>
/// Runs an aggregator's writes in one transaction with the event's inbox mark, so each event counts
/// exactly once however often it is delivered or replayed (the aggregates are a function of the events).
/// </summary>
internal static class OnceInbox
{
    /// <summary>False when the event was handled before (nothing written).</summary>
    public static async Task<bool> RunAsync(NpgsqlDataSource dataSource, EventContext context, Guid eventId,
        Func<NpgsqlConnection, NpgsqlTransaction, Task> write, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await Inbox.TryMarkHandledAsync(connection, transaction, context.Queue, eventId, cancellationToken))
        {
            return false;
        }
        await write(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
