using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// Runs the edge's <see cref="Rooms.PostSender"/> for the life of the service. Stopping, it takes no
/// more posts and sends what is queued before the host goes on (bounded by the host's shutdown
/// timeout), so a post a client wrote before the restart is not dropped on the floor. It also runs
/// the retries of quits the room authority did not take (<see cref="Rooms.QuitRetries"/>).
/// </summary>
public sealed class PostStreaming(IrcServer server) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _abort = new();
    private Task? _running;
    private readonly CancellationTokenSource _stopRetries = new();
    private Task? _retrying;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = server.Posts.RunAsync(_abort.Token);
        _retrying = RetryQuitsAsync(_stopRetries.Token);
        return Task.CompletedTask;
    }

    private async Task RetryQuitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await server.QuitRetries.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the edge's own stop quits every member it holds.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        server.Posts.Complete();
        if (_retrying is not null)
        {
            await _stopRetries.CancelAsync();
            await _retrying;
        }
        if (_running is null)
        {
            return;
        }
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync(); // out of time: what is left is not confirmed, and was never echoed
        }
    }

    public void Dispose()
    {
        _abort.Dispose();
        _stopRetries.Dispose();
    }
}
