using ChatCloud.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatCloud.Presence;

/// <summary>
/// Keeps this edge's key in Redis alive while it runs (a TCP edge, or the web's realtime edge) (<see cref="RedisNickDirectory"/>): set before
/// the first client connects, refreshed every few seconds, deleted on a clean stop. An edge that
/// crashes stops refreshing it, and its nicks become free once it expires.
/// </summary>
public sealed partial class EdgeHeartbeat(IConnectionMultiplexer redis, MessagingInstance instance, TimeProvider time, ILogger<EdgeHeartbeat> logger)
    : BackgroundService
{
    public static readonly TimeSpan Lifetime = ChatCloud.Contracts.Presence.EdgeHeartbeats.Lifetime;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private RedisKey Key => RedisNickDirectory.EdgeKeyPrefix + instance.Id;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await BeatAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            LogBeatFailed(logger, exception); // it expires by itself
        }
    }

    private async Task BeatAsync()
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key, time.GetUtcNow().ToUnixTimeMilliseconds(), Lifetime);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogBeatFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing this edge's heartbeat in Redis failed")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
