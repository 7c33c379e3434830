using ChatCloud.Messages.Rooms;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// On a graceful stop, the web members of this instance quit their rooms in one request, as a
/// stopping TCP edge's do ("Server restarting"); the app reconnects to another instance and joins
/// again. Without it they would wait for the sweeper.
/// </summary>
internal sealed partial class WebEdgeShutdown(WebMembers members, MemberPresence presence, ILogger<WebEdgeShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (members.All().Count == 0)
        {
            return;
        }
        try
        {
            await presence.QuitEdgeAsync(members.Edge, "Server restarting", cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogQuitFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web members could not be quit on the way down; the sweeper will")]
    private static partial void LogQuitFailed(ILogger logger, Exception exception);
}
