using Microsoft.Extensions.Options;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// Reloads the key ring every <see cref="SigningKeyOptions.ReloadEvery"/>: a running replica makes
/// the next key when it is due, publishes a successor another replica made, and switches to it once
/// it is active, without a restart. A failed reload (the database away) keeps the keys in force.
/// </summary>
public sealed partial class OidcKeyRefresher(OidcKeyRing keyRing, TimeProvider timeProvider, IOptions<OidcOptions> options, ILogger<OidcKeyRefresher> logger)
    : BackgroundService
{
    // Made when the host starts, not in ExecuteAsync (which runs later, on the thread pool), so the
    // first interval counts from the start.
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.Value.Keys.ReloadEvery, timeProvider);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("ExecuteAsync before StartAsync.");
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                keyRing.Reload();
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogReloadFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the OpenID Connect keys; the keys in force stay until the next try")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
