using Npgsql;

namespace ChatCloud.Messaging;

internal sealed partial class OutboxRelay
{
    private const string LeaderLock = "SELECT pg_try_advisory_lock(hashtext('messaging.outbox.relay'))";

    /// <summary>
    /// Batches sent and not yet confirmed and deleted. The leader sends the next batch while earlier
    /// ones wait for their confirms, so a batch's broker round trip and delete no longer hold up the
    /// rows committed behind it; the bound keeps a slow broker from collecting unconfirmed rows.
    /// </summary>
    private const int MaxBatchesInFlight = 4;

    private static readonly Task Never = new TaskCompletionSource().Task;

    /// <summary>How long after a look its rows are taken as committed (see <see cref="OutboxFloor"/>).</summary>
    private static readonly TimeSpan StragglerWindow = TimeSpan.FromSeconds(2);

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
            // The deletes need no disk sync of their own: one lost in a crash only sends its rows
            // again, which consumers already take (they de-duplicate). A look must walk the key in
            // order and stop at its limit: the statistics of a table emptied as fast as it is
            // filled make the planner pick a bitmap or sequential scan that visits every page of
            // the rows deleted since the last vacuum (measured: 17-29 ms a look, against 0.4 ms),
            // and JIT-compile it.
            await using var lead = new NpgsqlCommand(
                $"SET synchronous_commit = off; SET enable_bitmapscan = off; SET enable_seqscan = off; SET jit = off; {LeaderLock}", connection);
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

    /// <summary>A batch sent, by event id: the broker confirms ids, and nothing but the writers keeps two rows from carrying one.</summary>
    private sealed record InFlight(ILookup<Guid, OutboxRow> Rows, Task<(List<Guid> Confirmed, Exception? Failure)> Confirms);

    /// <summary>
    /// Relays while this process holds the lead: selects what is committed and not yet sent, sends it
    /// at once, and deletes batches as their confirms come, in order. Returns only by throwing (a
    /// failed publish or a lost connection) or when stopping.
    /// </summary>
    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var inFlight = new Queue<InFlight>();
        var sent = new HashSet<long>();
        var floor = new OutboxFloor(time, StragglerWindow, _options.OutboxPollInterval);
        var look = true;
        while (true)
        {
            if (look && inFlight.Count < MaxBatchesInFlight)
            {
                var rows = await ReadBatchAsync(connection, sent, floor.Next(), stoppingToken);
                // A full batch leaves more behind it; a short one was all there was.
                look = rows.Count == _options.OutboxBatchSize;
                if (rows.Count > 0)
                {
                    floor.Looked(rows[^1].Position);
                    // Sent in order without waiting for each confirm; confirms that never come must not
                    // stall the relay: the timeout bounds the wait.
                    var confirms = await publisher.SendAsync(rows.ConvertAll(row => row.Event), PublishTimeout, time, stoppingToken);
                    inFlight.Enqueue(new InFlight(rows.ToLookup(row => row.Event.Id), confirms));
                    sent.UnionWith(rows.Select(row => row.Position));
                    continue;
                }
            }
            var settled = inFlight.TryPeek(out var oldest) ? oldest.Confirms : Never;
            look |= await WaitForWorkAsync(settled, stoppingToken);
            await SettleAsync(connection, inFlight, sent);
        }
    }

    /// <summary>Deletes the batches at the head whose confirms came; after a failure, waits for all in flight and throws.</summary>
    private async Task SettleAsync(NpgsqlConnection connection, Queue<InFlight> inFlight, HashSet<long> sent)
    {
        List<long> confirmed = [];
        Exception? failure = null;
        var now = time.GetUtcNow();
        while (inFlight.TryPeek(out var oldest) && (oldest.Confirms.IsCompleted || failure is not null))
        {
            inFlight.Dequeue();
            var (ids, failed) = await oldest.Confirms;
            failure ??= failed;
            foreach (var row in ids.Distinct().SelectMany(id => oldest.Rows[id]))
            {
                metrics.OutboxLag(row.Event.EventName, now - row.CreatedAt);
                confirmed.Add(row.Position);
            }
        }
        if (confirmed.Count > 0)
        {
            // Not cancellable: these are confirmed, and a row left behind would be sent again.
            await DeletePublishedAsync(connection, confirmed, CancellationToken.None);
            sent.ExceptWith(confirmed);
            logger.OutboxPublished(confirmed.Count);
        }
        if (failure is not null)
        {
            // What was not confirmed is sent again, from the lowest row left, by the next leader.
            throw new InvalidOperationException($"Publishing outbox rows failed; {sent.Count} were not confirmed.", failure);
        }
    }
}
