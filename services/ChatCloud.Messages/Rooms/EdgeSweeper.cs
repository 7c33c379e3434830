using ChatCloud.Contracts.Presence;
using Npgsql;
using StackExchange.Redis;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// Room members of an edge that crashed would stay in their rooms for ever: nobody is left to say
/// they quit. Every edge keeps a heartbeat in Redis (<see cref="EdgeHeartbeats"/>); this sweeper
/// looks at the edges that hold members and has every member of an edge whose heartbeat is gone
/// quit, each room seeing the QUIT in its stream. An edge that stops cleanly quits its members
/// itself, so the sweeper only catches crashes. Every replica sweeps; a second sweep of the same
/// edge finds nobody left.
/// </summary>
internal sealed partial class EdgeSweeper(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, MemberPresence presence, TimeProvider time, ILogger<EdgeSweeper> logger)
    : BackgroundService
{
    public const string Reason = "Connection lost";

    /// <summary>An edge must be found dead on two sweeps in a row: one missed beat is not a crash.</summary>
    private readonly HashSet<string> _suspects = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(EdgeHeartbeats.Lifetime, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is NpgsqlException or RedisException or TimeoutException)
                {
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<string> edges = [];
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var select = new NpgsqlCommand("SELECT DISTINCT edge FROM messages.members", connection))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                edges.Add(reader.GetString(0));
            }
        }
        var database = redis.GetDatabase();
        var dead = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            if (!await database.KeyExistsAsync(EdgeHeartbeats.Key(edge)))
            {
                dead.Add(edge);
            }
        }
        foreach (var edge in dead.Where(_suspects.Contains))
        {
            var quit = await presence.QuitEdgeAsync(edge, Reason, cancellationToken);
            LogEdgeSwept(logger, edge, quit);
        }
        _suspects.Clear();
        _suspects.UnionWith(dead);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edge {Edge} stopped beating: {Members} members quit")]
    private static partial void LogEdgeSwept(ILogger logger, string edge, int members);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping members of stopped edges failed; trying again next round")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
