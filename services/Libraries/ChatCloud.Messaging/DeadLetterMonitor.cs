using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>
/// Lets operators see parked messages: every <see cref="MessagingOptions.DeadLetterCheckInterval"/>
/// it counts the dead-letter queue of each of this service's subscribers, reports the counts as
/// <c>chatcloud.messaging.dead_letters</c> (on the Aspire dashboard), and logs a warning when one
/// grows. Replaying them is <see cref="DeadLetters.ReplayAsync"/> (the <c>chatcloud-ops</c> tool).
/// </summary>
internal sealed partial class DeadLetterMonitor(
    IConnection connection,
    IEnumerable<MessagingRegistration.Subscription> subscriptions,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<DeadLetterMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribers = subscriptions.Select(subscription => subscription.Name).Distinct().ToArray();
        metrics.ObserveDeadLetters(() => _counts.Select(pair => (MessagingTopology.DeadLetterQueueOf(pair.Key), pair.Value)));
        using var timer = new PeriodicTimer(options.Value.DeadLetterCheckInterval, time);
        try
        {
            do
            {
                foreach (var subscriber in subscribers)
                {
                    await CheckAsync(subscriber, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task CheckAsync(string subscriber, CancellationToken stoppingToken)
    {
        try
        {
            var count = (long)await DeadLetters.CountAsync(connection, subscriber, stoppingToken);
            var before = _counts.GetValueOrDefault(subscriber);
            _counts[subscriber] = count;
            if (count > before)
            {
                LogGrew(logger, MessagingTopology.DeadLetterQueueOf(subscriber), count);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The broker is away: the consumers say so; the last count stands until it is back.
            LogCheckFailed(logger, exception, subscriber);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue} holds {Count} messages that could not be handled; replay them with chatcloud-ops once the cause is fixed")]
    private static partial void LogGrew(ILogger logger, string queue, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counting the dead letters of {Subscriber} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string subscriber);
}
