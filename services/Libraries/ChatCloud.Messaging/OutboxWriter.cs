using System.Text;
using ChatCloud.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messaging;

/// <summary>
/// Records events in the caller's transaction, so they are published if and only if that
/// transaction commits (the relay sends them afterwards, in the order they were added). The
/// notification is transactional too: PostgreSQL delivers it at commit and drops it on rollback,
/// which wakes the leading relay at once, whichever process it runs in.
/// </summary>
public static class OutboxWriter
{
    public const string NotificationChannel = "messaging_outbox";

    // One statement for any number of events: unnest keeps the arrays' order, and with it the
    // positions the identity column hands out.
    private const string Insert = """
        INSERT INTO messaging.outbox (id, event_name, payload, occurred_at, traceparent, tracestate, routing_key)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
        """;

    public static Task AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return AddRangeAsync(connection, transaction, [@event], cancellationToken);
    }

    public static async Task AddRangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }
        var trace = TraceContext.Current;
        var traceparent = TraceContext.FormatParent(trace);
        var tracestate = string.IsNullOrEmpty(trace.TraceState) ? null : trace.TraceState;
        var ids = new Guid[events.Count];
        var names = new string[events.Count];
        var payloads = new string[events.Count];
        var occurred = new DateTimeOffset[events.Count];
        var routingKeys = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var @event = events[i];
            ids[i] = @event.Id;
            names[i] = EventNames.Of(@event.GetType());
            payloads[i] = Encoding.UTF8.GetString(EventJson.Serialize(@event));
            // timestamptz takes UTC only; the payload keeps the producer's offset.
            occurred[i] = @event.OccurredAt.ToUniversalTime();
            routingKeys[i] = EventRouting.KeyOf(@event, names[i]);
        }
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(Insert)
                {
                    Parameters =
                    {
                        new() { Value = ids },
                        new() { Value = names },
                        new() { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                        new() { Value = occurred },
                        new() { Value = Enumerable.Repeat(traceparent, events.Count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = Enumerable.Repeat(tracestate, events.Count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = routingKeys },
                    },
                },
                new($"NOTIFY {NotificationChannel}"),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
