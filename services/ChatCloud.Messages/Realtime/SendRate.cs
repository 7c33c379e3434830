namespace ChatCloud.Messages.Realtime;

/// <summary>
/// One account's token bucket for what its tabs send (messages, typing notices): the TCP edge's
/// flood control (<c>Irc:Flood</c>, Burst 20 then 4 a second) with the same defaults, so a web user
/// can say no more than a terminal user. A TCP client over the rate is slowed down by TCP; a hub call
/// cannot be, so it is refused with the time until a token is back (docs/web-realtime.md, "Bounds").
/// Guarded by <see cref="WebMembers"/>' member (one per account); callers lock on it.
/// </summary>
internal sealed class SendRate(RealtimeOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = options.SendBurst;
    private long _lastRefill = time.GetTimestamp();

    /// <summary>Zero when the send may go now (a token is taken), else how long until one is back.</summary>
    public TimeSpan TryTake()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(options.SendBurst, _tokens + (time.GetElapsedTime(_lastRefill, now).TotalSeconds * options.SendsPerSecond));
            _lastRefill = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds((1 - _tokens) / options.SendsPerSecond);
        }
    }
}
