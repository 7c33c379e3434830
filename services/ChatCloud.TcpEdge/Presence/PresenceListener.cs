using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Presence;

/// <summary>Subscribes this edge's monitor lists to the presence feed before the listeners open.</summary>
public sealed class PresenceListener(IrcServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.Monitors.ListenAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
