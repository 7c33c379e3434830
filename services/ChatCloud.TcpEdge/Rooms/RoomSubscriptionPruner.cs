using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// Stops the broker sending this edge the events of rooms it no longer has anyone in: every half
/// minute, the rooms with no local member and no JOIN under way (the registry keeps a room from the
/// JOIN's start) are unbound. Lazily, because until then a left room's events only cost the edge a
/// lookup and a drop.
/// </summary>
public sealed partial class RoomSubscriptionPruner(IrcServer server, RoomSubscriptions subscriptions, TimeProvider time, ILogger<RoomSubscriptionPruner> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var pruned = await subscriptions.PruneAsync(room => server.Rooms.Find(room) is null, stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(logger, pruned);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the broadcast queues go with the connection.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribed from {Count} rooms nobody here is in")]
    private static partial void LogPruned(ILogger logger, int count);
}
