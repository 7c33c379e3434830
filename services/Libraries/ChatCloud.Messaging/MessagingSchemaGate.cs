using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatCloud.Messaging;

/// <summary>
/// Creates the schema once per process for the relay and every consumer, retrying while the
/// database is not up yet; whoever comes first does it, the others wait for it.
/// </summary>
internal sealed class MessagingSchemaGate(NpgsqlDataSource dataSource, TimeProvider time, ILogger<MessagingSchemaGate> logger) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ensured;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured)
        {
            return;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            for (var failures = 1; !_ensured; failures++)
            {
                try
                {
                    await MessagingSchema.EnsureAsync(dataSource, cancellationToken);
                    _ensured = true;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    var delay = Backoff.After(failures);
                    logger.SchemaFailed(exception, delay);
                    await Task.Delay(delay, time, cancellationToken);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
