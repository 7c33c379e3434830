using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Presence;

/// <summary>Subscribes this edge's monitor lists and room-mate notices to the presence feed before the listeners open.</summary>
public sealed class PresenceListener(IrcServer server) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.Monitors.ListenAsync(cancellationToken);
        await server.RoomMates.ListenAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
