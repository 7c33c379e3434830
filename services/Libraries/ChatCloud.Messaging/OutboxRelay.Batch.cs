using System.Text;
using Npgsql;

namespace ChatCloud.Messaging;

internal sealed partial class OutboxRelay
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    // Rows already sent and waiting for their confirms are left out: the marks come after the confirms.
    private const string SelectBatch = """
        SELECT id, event_name, payload::text, occurred_at, created_at, traceparent, tracestate, coalesce(routing_key, event_name)
        FROM messaging.outbox
        WHERE published_at IS NULL AND NOT (id = ANY($2))
        ORDER BY position
        LIMIT $1
        """;

    private async Task<List<(OutgoingEvent Event, DateTimeOffset CreatedAt)>> ReadBatchAsync(
        NpgsqlConnection connection, IReadOnlyCollection<Guid> sent, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(SelectBatch, connection)
        {
            Parameters = { new() { Value = _options.OutboxBatchSize }, new() { Value = sent.ToArray() } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        List<(OutgoingEvent, DateTimeOffset)> rows = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var parent = TraceContext.Parse(
                await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5),
                await reader.IsDBNullAsync(6, cancellationToken) ? null : reader.GetString(6));
            var outgoing = new OutgoingEvent(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(3),
                Encoding.UTF8.GetBytes(reader.GetString(2)),
                parent,
                reader.GetString(7));
            rows.Add((outgoing, reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return rows;
    }

    private static async Task MarkPublishedAsync(NpgsqlConnection connection, List<Guid> ids, CancellationToken cancellationToken)
    {
        await using var mark = new NpgsqlCommand("UPDATE messaging.outbox SET published_at = now() WHERE id = ANY($1)", connection)
        {
            Parameters = { new() { Value = ids.ToArray() } },
        };
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes published rows past their retention, at most once an hour.</summary>
    private async Task PruneIfDueAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastPrune < PruneInterval)
        {
            return;
        }
        _lastPrune = now;
        var before = now - _options.OutboxRetention;
        await using var prune = new NpgsqlCommand("DELETE FROM messaging.outbox WHERE published_at IS NOT NULL AND published_at < $1", connection)
        {
            Parameters = { new() { Value = before } },
        };
        var count = await prune.ExecuteNonQueryAsync(cancellationToken);
        if (count > 0)
        {
            logger.OutboxPruned(count, before);
        }
    }
}
