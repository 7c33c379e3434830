using System.Text;
using Npgsql;

namespace ChatCloud.Messaging;

internal sealed partial class OutboxRelay
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    // Rows already sent and waiting for their confirms are left out: they go when confirmed. A look
    // starts above a floor (OutboxFloor), so it does not walk the index entries of rows deleted
    // since the last vacuum, which at thousands of rows a second would be most of what it reads.
    private const string SelectBatch = """
        SELECT position, id, event_name, payload::text, occurred_at, created_at, traceparent, tracestate, coalesce(routing_key, event_name)
        FROM messaging.outbox
        WHERE position > $3 AND NOT (position = ANY($2))
        ORDER BY position
        LIMIT $1
        """;

    private sealed record OutboxRow(long Position, OutgoingEvent Event, DateTimeOffset CreatedAt);

    private async Task<List<OutboxRow>> ReadBatchAsync(
        NpgsqlConnection connection, IReadOnlyCollection<long> sent, long floor, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(SelectBatch, connection)
        {
            Parameters = { new() { Value = _options.OutboxBatchSize }, new() { Value = sent.ToArray() }, new() { Value = floor } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        List<OutboxRow> rows = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var parent = TraceContext.Parse(
                await reader.IsDBNullAsync(6, cancellationToken) ? null : reader.GetString(6),
                await reader.IsDBNullAsync(7, cancellationToken) ? null : reader.GetString(7));
            var outgoing = new OutgoingEvent(
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(4),
                Encoding.UTF8.GetBytes(reader.GetString(3)),
                parent,
                reader.GetString(8));
            rows.Add(new OutboxRow(reader.GetInt64(0), outgoing, reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return rows;
    }

    /// <summary>The broker has them: they leave the outbox (no new row version, no index entry, unlike a mark).</summary>
    private static async Task DeletePublishedAsync(NpgsqlConnection connection, List<long> positions, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM messaging.outbox WHERE position = ANY($1)", connection)
        {
            Parameters = { new() { Value = positions.ToArray() } },
        };
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
