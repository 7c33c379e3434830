using System.Diagnostics;
using Npgsql;

namespace ChatCloud.Analytics.Replay;

/// <param name="Events">Log entries folded.</param>
/// <param name="IncompleteBefore">When the log was incomplete before (pruned, or started after the aggregates): figures before it were lost; null when nothing was.</param>
public sealed record RebuildResult(long Events, DateTimeOffset? IncompleteBefore, long Milliseconds);

/// <summary>
/// Clears the aggregates and folds the event log into them again through each aggregator's own fold,
/// in one transaction: readers see the old figures until it commits, then the rebuilt ones.
/// </summary>
public sealed class AggregatesRebuild(NpgsqlDataSource dataSource, IServiceScopeFactory scopes)
{
    public const int ChunkSize = 1000;

    /// <summary>Every table a fold writes; the log and the inbox stay.</summary>
    private static readonly string[] Aggregates =
    [
        "room_hours", "active_accounts", "days", "search_hours", "read_hours",
        "recommender_days", "room_impressions", "room_joins", "models", "connections", "accounts",
    ];

    /// <summary>When the log is incomplete (<see cref="RebuildResult.IncompleteBefore"/>), without <paramref name="acceptLoss"/> nothing is done (Done is false).</summary>
    public async Task<(RebuildResult Result, bool Done)> RunAsync(bool acceptLoss, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var folds = scope.ServiceProvider.GetServices<IReplayable>().ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EventLog.LockForRebuildAsync(connection, transaction, cancellationToken);
        var incompleteBefore = await IncompleteBeforeAsync(connection, transaction, cancellationToken);
        if (incompleteBefore is not null && !acceptLoss)
        {
            return (new RebuildResult(0, incompleteBefore, clock.ElapsedMilliseconds), false);
        }
        await using (var clear = new NpgsqlCommand(string.Concat(Aggregates.Select(table => $"DELETE FROM analytics.{table};")), connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        long events = 0;
        foreach (var fold in folds)
        {
            events += await ReplayAsync(connection, transaction, fold, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (new RebuildResult(events, incompleteBefore, clock.ElapsedMilliseconds), true);
    }

    /// <summary>One kind's entries in log order, a chunk at a time (a connection reads one result at a time).</summary>
    private static async Task<long> ReplayAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReplayable fold, CancellationToken cancellationToken)
    {
        long count = 0;
        (DateTimeOffset At, Guid Id) after = (DateTimeOffset.MinValue, Guid.Empty);
        while (true)
        {
            var chunk = new List<(DateTimeOffset At, Guid Id, string Payload)>(ChunkSize);
            await using (var read = new NpgsqlCommand("""
                SELECT occurred_at, event_id, payload::text FROM analytics.event_log
                WHERE name = $1 AND (occurred_at, event_id) > ($2, $3) ORDER BY occurred_at, event_id LIMIT $4
                """, connection, transaction))
            {
                read.Parameters.AddWithValue(fold.EventName);
                read.Parameters.AddWithValue(after.At);
                read.Parameters.AddWithValue(after.Id);
                read.Parameters.AddWithValue(ChunkSize);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    chunk.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1), reader.GetString(2)));
                }
            }
            if (chunk.Count == 0)
            {
                return count;
            }
            await fold.ReplayAsync(connection, transaction, [.. chunk.Select(c => c.Payload)], cancellationToken);
            count += chunk.Count;
            after = (chunk[^1].At, chunk[^1].Id);
        }
    }

    private static async Task<DateTimeOffset?> IncompleteBeforeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT incomplete_before FROM analytics.event_log_state", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }
}
