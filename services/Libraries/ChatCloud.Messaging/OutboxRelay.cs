using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCloud.Messaging;

/// <summary>
/// Publishes committed outbox rows in the order they were written and deletes each only after the
/// broker confirmed it: delivery is at least once (a crash between confirm and delete, or
/// a batch cut short by a failure, sends some again), never lost. One relay leads at a time across
/// every service and replica sharing the outbox (a session advisory lock held on its connection),
/// so the bus carries a room's events in its order; events that need order also carry their own
/// sequence, so a receiver can drop what it has already seen. The leader wakes on every
/// <c>NOTIFY</c> and polls as a safety net; the others only poll for the lock, and take over
/// within <see cref="MessagingOptions.OutboxPollInterval"/> when the leader's session ends.
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
    // One pending wake-up is enough: a look selects everything committed before it started.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly MessagingOptions _options = options.Value;

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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var leadership = await TryLeadAsync(stoppingToken))
                {
                    if (leadership is not null)
                    {
                        logger.OutboxLeading();
                        failures = 0;
                        await LeadAsync(leadership.Connection, stoppingToken);
                    }
                }
                await Task.Delay(_options.OutboxPollInterval, time, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The lead is given up with the connection; whoever takes it next sends the rows left, from the lowest.
                var delay = Backoff.After(++failures);
                logger.OutboxRelayFailed(exception, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>Waits for a notification or the poll interval, whichever comes first; true when notified.</summary>
    private async Task<bool> WaitForWorkAsync(Task settled, CancellationToken stoppingToken)
    {
        using var poll = new CancellationTokenSource(_options.OutboxPollInterval, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token);
        var woken = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(woken, settled);
        stoppingToken.ThrowIfCancellationRequested();
        if (woken.IsCompletedSuccessfully)
        {
            _wake.Reader.TryRead(out _);
            return true;
        }
        await wait.CancelAsync();
        await ((Task)woken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // Woken meanwhile (the cancellation raced a notification): still worth a look.
        return _wake.Reader.TryRead(out _) || poll.IsCancellationRequested;
    }
}
