using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// Runs the edge's <see cref="Rooms.PostSender"/> for the life of the service. Stopping, it takes no
/// more posts and sends what is queued before the host goes on (bounded by the host's shutdown
/// timeout), so a post a client wrote before the restart is not dropped on the floor.
/// </summary>
public sealed class PostStreaming(IrcServer server) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _abort = new();
    private Task? _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = server.Posts.RunAsync(_abort.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        server.Posts.Complete();
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

    public void Dispose() => _abort.Dispose();
}
