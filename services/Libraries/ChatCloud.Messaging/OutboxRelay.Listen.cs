using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatCloud.Messaging;

internal sealed partial class OutboxRelay
{
    /// <summary>
    /// Holds a connection in <c>LISTEN</c> and wakes the relay on each notification, of whichever
    /// process's rows: the leader publishes them all (a relay that does not lead ignores its wake-ups).
    /// While it is down the relay still polls, so a lost connection costs latency, never events.
    /// </summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        for (var failures = 0; !stoppingToken.IsCancellationRequested;)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                failures = 0;
                // Rows committed before LISTEN took effect sent no notification we could see.
                _wake.Writer.TryWrite(true);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                var delay = Backoff.After(++failures);
                logger.OutboxListenFailed(exception, delay);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
