namespace ChatCloud.Messaging;

/// <summary>
/// Where the leading relay's looks into the outbox start. A look returns the lowest unsent rows in
/// position order, so after it every committed row up to the highest it returned has been sent,
/// except a straggler: a row whose position was taken before the look but whose transaction
/// committed after it. Writers commit right after writing their rows, and each commit wakes the
/// relay, so once <paramref name="stragglerWindow"/> has passed since a look, the rows below its
/// highest position have committed and been seen: that position becomes the floor, and looks no
/// longer walk the index entries of everything deleted below it. A straggler slower than the window
/// is still found by the full look, from the start, made every <paramref name="fullLookInterval"/>.
/// </summary>
internal sealed class OutboxFloor(TimeProvider time, TimeSpan stragglerWindow, TimeSpan fullLookInterval)
{
    private readonly Queue<(long At, long Highest)> _looks = new();
    private long _floor;
    private long? _lastFullLook;

    /// <summary>Where the next look starts (rows above it): 0, for a full look, when one is due.</summary>
    public long Next()
    {
        var now = time.GetTimestamp();
        if (_lastFullLook is not { } last || time.GetElapsedTime(last, now) >= fullLookInterval)
        {
            _lastFullLook = now;
            return 0;
        }
        while (_looks.TryPeek(out var look) && time.GetElapsedTime(look.At, now) >= stragglerWindow)
        {
            _looks.Dequeue();
            _floor = Math.Max(_floor, look.Highest);
        }
        return _floor;
    }

    /// <summary>A look returned rows up to position <paramref name="highest"/>.</summary>
    public void Looked(long highest) => _looks.Enqueue((time.GetTimestamp(), highest));
}
