using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatCloud.Messaging;

internal sealed partial class OutboxRelay
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    private const string SelectBatch = """
        SELECT id, event_name, payload::text, occurred_at, created_at, traceparent, tracestate, coalesce(routing_key, event_name)
        FROM messaging.outbox
        WHERE published_at IS NULL
        ORDER BY position
        LIMIT $1
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>Locks, publishes and marks one batch in one transaction; returns how many were published, or null when another relay holds the lock.</summary>
    private async Task<int?> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One relay publishes at a time, across every service and replica sharing the outbox: two
        // relays taking interleaved batches would put a room's messages on the bus out of order.
        // The others find the lock taken and wait for the next notification or poll.
        // The marks need no disk sync of their own: a mark lost in a crash only sends its rows again,
        // which consumers already take (they de-duplicate), while waiting for the sync would hold up
        // the next batch behind every commit.
        await using (var leader = new NpgsqlCommand(
            "SET LOCAL synchronous_commit = off; SELECT pg_try_advisory_xact_lock(hashtext('messaging.outbox.relay'))", connection, transaction))
        {
            if (!(bool)(await leader.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }
        var rows = await ReadBatchAsync(connection, transaction, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // Sent in order without waiting for each confirm; the row locks are held meanwhile, so
        // confirms that never come must not stall the relay: the timeout bounds the wait.
        var (published, failure) = await publisher.PublishAsync(rows.ConvertAll(row => row.Event), PublishTimeout, time, cancellationToken);
        var now = time.GetUtcNow();
        var confirmed = published.ToHashSet();
        foreach (var (outgoing, createdAt) in rows.Where(row => confirmed.Contains(row.Event.Id)))
        {
            metrics.OutboxLag(outgoing.EventName, now - createdAt);
        }

        if (published.Count > 0)
        {
            // Not cancellable: these are confirmed, and an unmarked row would be sent again.
            await using var mark = new NpgsqlCommand(
                "UPDATE messaging.outbox SET published_at = now() WHERE id = ANY($1)", connection, transaction)
            {
                Parameters = { new() { Value = published.ToArray() } },
            };
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            logger.OutboxPublished(published.Count);
        }
        if (failure is not null)
        {
            cancellationToken.ThrowIfCancellationRequested(); // stopping is not a failure
            throw new InvalidOperationException($"Publishing {rows.Count - published.Count} of {rows.Count} outbox rows failed.", failure);
        }
        return published.Count;
    }

    private async Task<List<(OutgoingEvent Event, DateTimeOffset CreatedAt)>> ReadBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(SelectBatch, connection, transaction)
        {
            Parameters = { new() { Value = _options.OutboxBatchSize } },
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

    /// <summary>Deletes published rows past their retention, at most once an hour per replica.</summary>
    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastPrune < PruneInterval)
        {
            return;
        }
        _lastPrune = now;
        var before = now - _options.OutboxRetention;
        await using var prune = dataSource.CreateCommand(
            "DELETE FROM messaging.outbox WHERE published_at IS NOT NULL AND published_at < $1");
        prune.Parameters.Add(new() { Value = before });
        var count = await prune.ExecuteNonQueryAsync(cancellationToken);
        if (count > 0)
        {
            logger.OutboxPruned(count, before);
        }
    }
}
