using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// On SIGTERM the edge tells every client it is restarting and lets each send queue drain before
/// Kestrel closes the sockets: ApplicationStopping fires before the server stops, and each
/// connection handler then ends by itself, its owed lines flushed. Posts already confirmed by the
/// broker are stored whatever happens to the edge; clients fetch what they miss from history.
/// Then every member this edge held quits its rooms in one request to the room authority (had the
/// edge crashed instead, the authority's sweeper would do it once the edge's heartbeat lapsed).
/// </summary>
public sealed class GracefulShutdown(IHostApplicationLifetime lifetime, IrcServer server) : IHostedService
{
    public const string Reason = "Server restarting";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => server.CloseAll(Reason));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await server.RoomAuthority.QuitEdgeAsync(Reason, cancellationToken);
}
