using System.Text;
using ChatCloud.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messaging;

/// <summary>
/// Records an event in the caller's transaction, so it is published if and only if that
/// transaction commits (the relay sends it afterwards). The notification is transactional too:
/// PostgreSQL delivers it at commit and drops it on rollback, which wakes the relay at once.
/// </summary>
public static class OutboxWriter
{
    public const string NotificationChannel = "messaging_outbox";

    public static async Task AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var trace = TraceContext.Current;
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(
                    "INSERT INTO messaging.outbox (id, event_name, payload, occurred_at, traceparent, tracestate) VALUES ($1, $2, $3, $4, $5, $6)")
                {
                    Parameters =
                    {
                        new() { Value = @event.Id },
                        new() { Value = EventNames.Of(@event.GetType()) },
                        new() { Value = Encoding.UTF8.GetString(EventJson.Serialize(@event)), NpgsqlDbType = NpgsqlDbType.Jsonb },
                        // timestamptz takes UTC only; the payload keeps the producer's offset.
                        new() { Value = @event.OccurredAt.ToUniversalTime() },
                        new() { Value = (object?)TraceContext.FormatParent(trace) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = (object?)NullIfEmpty(trace.TraceState) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    },
                },
                new($"SELECT pg_notify('{NotificationChannel}', '')"),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
