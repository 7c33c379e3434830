using ChatCloud.TcpEdge.Presence;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// The presence feed as several edges share it, in memory (the integration tests use Redis): a
/// change reaches every subscribed edge at once, on the publisher's thread.
/// </summary>
internal sealed class SharedPresenceFeed : IPresenceFeed
{
    private readonly List<Action<PresenceChange>> _handlers = [];

    public List<PresenceChange> Published { get; } = [];

    public Task PublishAsync(PresenceChange change, CancellationToken cancellationToken)
    {
        Action<PresenceChange>[] handlers;
        lock (_handlers)
        {
            Published.Add(change);
            handlers = [.. _handlers];
        }
        foreach (var handler in handlers)
        {
            handler(change);
        }
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(Action<PresenceChange> handler, CancellationToken cancellationToken)
    {
        lock (_handlers)
        {
            _handlers.Add(handler);
        }
        return Task.CompletedTask;
    }
}
