using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCloud.Analytics.Replay;

/// <summary>
/// Bounds the event log to <see cref="EventLogOptions.RetentionDays"/>, and notes from when it is
/// then incomplete, so a rebuild knows what it would lose. Several replicas pruning at once is harmless.
/// </summary>
public sealed partial class EventLogPruner(NpgsqlDataSource dataSource, IOptions<EventLogOptions> options, TimeProvider time, ILogger<EventLogPruner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneEvery, time);
        do
        {
            try
            {
                var pruned = await PruneAsync(stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(logger, pruned);
                }
            }
            catch (NpgsqlException exception)
            {
                // The next round tries again; the log only grows a little meanwhile.
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var prune = new NpgsqlCommand("""
            WITH gone AS (DELETE FROM analytics.event_log WHERE occurred_at < $1 RETURNING 1)
            UPDATE analytics.event_log_state SET incomplete_before = GREATEST(incomplete_before, $1)
            WHERE EXISTS (SELECT 1 FROM gone) RETURNING (SELECT count(*) FROM gone)
            """, connection, transaction);
        prune.Parameters.AddWithValue(before);
        var pruned = await prune.ExecuteScalarAsync(cancellationToken) is long count ? (int)count : 0;
        await transaction.CommitAsync(cancellationToken);
        return pruned;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} event log entries past the retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the event log failed; trying again next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
