using ChatCloud.TcpEdge.Presence;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// The presence feed as several edges share it, in memory (the integration tests use Redis): a
/// change reaches every subscribed edge at once, on the publisher's thread.
/// </summary>
internal sealed class SharedPresenceFeed : IPresenceFeed
{
    private readonly List<Action<PresenceChange>> _handlers = [];
    private readonly List<Action<RoomMateNotice>> _noticeHandlers = [];

    public Task PublishAsync(RoomMateNotice notice, CancellationToken cancellationToken)
    {
        Action<RoomMateNotice>[] handlers;
        lock (_noticeHandlers)
        {
            handlers = [.. _noticeHandlers];
        }
        foreach (var handler in handlers)
        {
            handler(notice);
        }
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(Action<RoomMateNotice> handler, CancellationToken cancellationToken)
    {
        lock (_noticeHandlers)
        {
            _noticeHandlers.Add(handler);
        }
        return Task.CompletedTask;
    }

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
