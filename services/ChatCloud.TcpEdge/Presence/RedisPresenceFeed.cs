using StackExchange.Redis;

namespace ChatCloud.TcpEdge.Presence;

/// <summary>
/// The presence feed as a Redis pub/sub channel (docs/architecture.md, "Presence across edges"):
/// nicks already live in Redis, a change is worth nothing once it is stale, and a subscriber that
/// misses one (it was down) rebuilds the truth from the nick directory with <c>MONITOR S</c>, so
/// nothing needs a durable queue. Redis delivers one publisher's messages in order.
/// </summary>
public sealed class RedisPresenceFeed(IConnectionMultiplexer redis) : IPresenceFeed
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("chatcloud:presence");
    public static readonly RedisChannel RoomMatesChannel = RedisChannel.Literal("chatcloud:room-mates");

    public async Task PublishAsync(RoomMateNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await redis.GetSubscriber().PublishAsync(RoomMatesChannel, notice.Format()).WaitAsync(cancellationToken);
    }

    public async Task SubscribeAsync(Action<RoomMateNotice> handler, CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(RoomMatesChannel).WaitAsync(cancellationToken);
        queue.OnMessage(message =>
        {
            if (RoomMateNotice.Parse(message.Message) is { } notice)
            {
                handler(notice);
            }
        });
    }

    public async Task PublishAsync(PresenceChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await redis.GetSubscriber().PublishAsync(Channel, change.Format()).WaitAsync(cancellationToken);
    }

    public async Task SubscribeAsync(Action<PresenceChange> handler, CancellationToken cancellationToken)
    {
        // A message queue rather than a handler: its messages are handled one at a time, in order.
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel).WaitAsync(cancellationToken);
        queue.OnMessage(message =>
        {
            if (PresenceChange.Parse(message.Message) is { } change)
            {
                handler(change);
            }
        });
    }
}
