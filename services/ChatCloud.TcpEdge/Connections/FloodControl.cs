namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// A token bucket per connection: a client may send <see cref="FloodOptions.Burst"/> lines at once
/// and <see cref="FloodOptions.LinesPerSecond"/> after that. A line over the rate is not refused but
/// delayed: the read loop waits, so TCP slows the client down. A client that keeps sending while
/// delayed, until more than <see cref="FloodOptions.MaxQueuedBytes"/> wait unread, is disconnected
/// ("Excess Flood"); the read loop checks that.
/// </summary>
public sealed class FloodControl(FloodOptions options, TimeProvider time)
{
    private double _tokens = options.Burst;
    private long _lastRefill = time.GetTimestamp();

    /// <summary>How long to wait before handling the next line.</summary>
    public TimeSpan Take()
    {
        if (!options.Enabled)
        {
            return TimeSpan.Zero;
        }
        var now = time.GetTimestamp();
        _tokens = Math.Min(options.Burst, _tokens + (time.GetElapsedTime(_lastRefill, now).TotalSeconds * options.LinesPerSecond));
        _lastRefill = now;
        _tokens -= 1;
        if (_tokens >= 0)
        {
            return TimeSpan.Zero;
        }
        return TimeSpan.FromSeconds(-_tokens / options.LinesPerSecond);
    }
}

/// <summary>Section <c>Irc:Flood</c>. Load tests relax it by configuration, as the reference servers' configurations do.</summary>
public sealed class FloodOptions
{
    public bool Enabled { get; set; } = true;

    public int Burst { get; set; } = 20;

    public double LinesPerSecond { get; set; } = 4;

    /// <summary>Input received but not yet handled, while delayed, beyond which the client is disconnected.</summary>
    public int MaxQueuedBytes { get; set; } = 16 * 1024;
}
