using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCloud.Messaging;

/// <summary>
/// Publishes committed outbox rows in the order they were written and marks each published only
/// after the broker confirmed it: delivery is at least once (a crash between confirm and mark, or
/// a batch cut short by a failure, sends some again), never lost. One relay publishes at a time
/// across every service and replica sharing the outbox (an advisory lock), so the bus carries a
/// room's events in its order; events that need order also carry their own sequence, so a
/// receiver can drop what it has already seen. Wakes on <c>NOTIFY</c> and polls as a safety net.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    OrderedPublisher publisher,
    MessagingSchemaGate schema,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// How soon a relay woken for its rows tries again when another one holds the lock: that one may
    /// have selected its batch before these rows committed, and this relay's wake-up is spent.
    /// </summary>
    private static readonly TimeSpan LeaderRetry = TimeSpan.FromMilliseconds(20);

    private const int MaxLeaderRetries = 10;

    // One pending wake-up is enough: a pass publishes everything committed before it started.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly MessagingOptions _options = options.Value;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schema.EnsureAsync(stoppingToken);
            var listening = ListenAsync(stoppingToken);
            try
            {
                await RelayAsync(stoppingToken);
            }
            finally
            {
                await listening;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unpublished rows stay for the next start or another replica.
        }
    }

    private async Task RelayAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var lockMisses = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                failures = 0;
                // A holder that keeps the lock longer (its broker slow to confirm) is not asked more
                // than a few times in a row: this relay then waits for its next wake-up or poll.
                if (published is null && ++lockMisses <= MaxLeaderRetries)
                {
                    await Task.Delay(LeaderRetry, time, stoppingToken);
                    continue;
                }
                lockMisses = 0;
                if (published == _options.OutboxBatchSize)
                {
                    continue; // more are probably waiting
                }
                await PruneIfDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff.After(++failures);
                logger.OutboxRelayFailed(exception, delay);
                await Task.Delay(delay, time, stoppingToken);
                continue;
            }
            await WaitForWorkAsync(stoppingToken);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var poll = new CancellationTokenSource(_options.OutboxPollInterval, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token);
        try
        {
            await _wake.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed without a notification: look anyway.
        }
    }
}
