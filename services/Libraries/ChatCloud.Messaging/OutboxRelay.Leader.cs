using Npgsql;

namespace ChatCloud.Messaging;

internal sealed partial class OutboxRelay
{
    private const string LeaderLock = "SELECT pg_try_advisory_lock(hashtext('messaging.outbox.relay'))";

    /// <summary>
    /// Batches sent and not yet confirmed and marked. The leader sends the next batch while earlier
    /// ones wait for their confirms, so a batch's broker round trip and mark no longer hold up the
    /// rows committed behind it; the bound keeps a slow broker from collecting unconfirmed rows.
    /// </summary>
    private const int MaxBatchesInFlight = 4;

    private static readonly Task Never = new TaskCompletionSource().Task;

    /// <summary>The relay's own connection while it leads: the session holds the lock, and ending it in any way gives the lead up.</summary>
    private sealed class Leadership(NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
            catch (NpgsqlException)
            {
                // A broken session already let go of its lock.
            }
            await connection.DisposeAsync();
        }
    }

    private async Task<Leadership?> TryLeadAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // The marks need no disk sync of their own: a mark lost in a crash only sends its rows
            // again, which consumers already take (they de-duplicate).
            await using var lead = new NpgsqlCommand($"SET synchronous_commit = off; {LeaderLock}", connection);
            if ((bool)(await lead.ExecuteScalarAsync(cancellationToken))!)
            {
                return new Leadership(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed record InFlight(Dictionary<Guid, (string EventName, DateTimeOffset CreatedAt)> Rows, Task<(List<Guid> Confirmed, Exception? Failure)> Confirms);

    /// <summary>
    /// Relays while this process holds the lead: selects what is committed and not yet sent, sends it
    /// at once, and marks batches as their confirms come, in order. Returns only by throwing (a
    /// failed publish or a lost connection) or when stopping.
    /// </summary>
    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var inFlight = new Queue<InFlight>();
        var sent = new HashSet<Guid>();
        var look = true;
        while (true)
        {
            if (look && inFlight.Count < MaxBatchesInFlight)
            {
                var rows = await ReadBatchAsync(connection, sent, stoppingToken);
                // A full batch leaves more behind it; a short one was all there was.
                look = rows.Count == _options.OutboxBatchSize;
                if (rows.Count > 0)
                {
                    // Sent in order without waiting for each confirm; confirms that never come must not
                    // stall the relay: the timeout bounds the wait.
                    var confirms = await publisher.SendAsync(rows.ConvertAll(row => row.Event), PublishTimeout, time, stoppingToken);
                    inFlight.Enqueue(new InFlight(rows.ToDictionary(row => row.Event.Id, row => (row.Event.EventName, row.CreatedAt)), confirms));
                    sent.UnionWith(rows.Select(row => row.Event.Id));
                    continue;
                }
            }
            if (inFlight.Count == 0)
            {
                await PruneIfDueAsync(connection, stoppingToken);
            }
            var settled = inFlight.TryPeek(out var oldest) ? oldest.Confirms : Never;
            look |= await WaitForWorkAsync(settled, stoppingToken);
            await SettleAsync(connection, inFlight, sent);
        }
    }

    /// <summary>Marks the batches at the head whose confirms came; after a failure, waits for all in flight and throws.</summary>
    private async Task SettleAsync(NpgsqlConnection connection, Queue<InFlight> inFlight, HashSet<Guid> sent)
    {
        List<Guid> confirmed = [];
        Exception? failure = null;
        var now = time.GetUtcNow();
        while (inFlight.TryPeek(out var oldest) && (oldest.Confirms.IsCompleted || failure is not null))
        {
            inFlight.Dequeue();
            var (ids, failed) = await oldest.Confirms;
            failure ??= failed;
            foreach (var id in ids)
            {
                var (eventName, createdAt) = oldest.Rows[id];
                metrics.OutboxLag(eventName, now - createdAt);
            }
            confirmed.AddRange(ids);
        }
        if (confirmed.Count > 0)
        {
            // Not cancellable: these are confirmed, and an unmarked row would be sent again.
            await MarkPublishedAsync(connection, confirmed, CancellationToken.None);
            sent.ExceptWith(confirmed);
            logger.OutboxPublished(confirmed.Count);
        }
        if (failure is not null)
        {
            // What was not confirmed is sent again, from the oldest unmarked row, by the next leader.
            throw new InvalidOperationException($"Publishing outbox rows failed; {sent.Count} were not confirmed.", failure);
        }
    }
}
