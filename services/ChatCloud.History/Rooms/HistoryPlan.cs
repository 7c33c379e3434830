namespace ChatCloud.History.Rooms;

/// <summary>
/// Where a resolved reference points: a msgid is a place in the room's sequence (its time kept for
/// comparisons); a timestamp is only a time.
/// </summary>
public readonly record struct Position(long? Sequence, DateTimeOffset Time)
{
    public static Position At(DateTimeOffset time) => new(null, time);
}

/// <summary>One end of a page: exclusive, as every CHATHISTORY reference is, unless inclusive (AROUND's own message).</summary>
public readonly record struct Boundary(Position At, bool Inclusive = false);

/// <summary>
/// The rows of one room strictly between <see cref="After"/> and <see cref="Before"/> (either may be open),
/// the <see cref="Limit"/> nearest the start (oldest first) or, with <see cref="NewestFirst"/>, nearest the end.
/// </summary>
public sealed record HistoryPage(Boundary? After, Boundary? Before, bool NewestFirst, int Limit);

/// <summary>The CHATHISTORY subcommands that return messages (IRCv3 chathistory, "Subcommands").</summary>
public enum HistorySelector
{
    Latest,
    Before,
    After,
    Around,
    Between,
}

/// <summary>
/// Turns a CHATHISTORY request into pages over the room's one order (its sequence). Results are always
/// returned oldest first, as the spec asks ("SHOULD be ascending time order"), whichever end a page reads from.
/// </summary>
public static class HistoryPlan
{
    /// <summary>Advertised to IRC clients as <c>CHATHISTORY=100</c>; larger requests are cut to it.</summary>
    public const int MaxLimit = 100;

    public static int ClampLimit(int limit) => Math.Clamp(limit, 1, MaxLimit);

    /// <param name="first">The reference; null for <c>LATEST *</c>.</param>
    /// <param name="second">BETWEEN's second reference.</param>
    public static IReadOnlyList<HistoryPage> For(HistorySelector selector, Position? first, Position? second, int limit)
    {
        limit = ClampLimit(limit);
        return selector switch
        {
            // LATEST: the most recent messages, after (excluding) the reference when there is one.
            HistorySelector.Latest => [new(Edge(first), null, NewestFirst: true, limit)],
            HistorySelector.Before => [new(null, Edge(Required(first)), NewestFirst: true, limit)],
            HistorySelector.After => [new(Edge(Required(first)), null, NewestFirst: false, limit)],
            // AROUND: the implementation chooses the split; half before, the rest (the reader stops at the
            // limit in all) from the message itself on.
            HistorySelector.Around =>
            [
                new(null, Edge(Required(first)), NewestFirst: true, limit / 2),
                new(new Boundary(Required(first), Inclusive: true), null, NewestFirst: false, limit),
            ],
            HistorySelector.Between => Between(Required(first), Required(second), limit),
            _ => throw new ArgumentOutOfRangeException(nameof(selector)),
        };
    }

    /// <summary>
    /// BETWEEN counts its limit from the first reference towards the second, forwards or backwards in
    /// time, excluding both; the page is still returned oldest first.
    /// </summary>
    private static IReadOnlyList<HistoryPage> Between(Position first, Position second, int limit)
    {
        var order = Compare(first, second);
        if (order == 0)
        {
            return [];
        }
        return order < 0
            ? [new(new Boundary(first), new Boundary(second), NewestFirst: false, limit)]
            : [new(new Boundary(second), new Boundary(first), NewestFirst: true, limit)];
    }

    /// <summary>Two msgids compare by sequence (the room's order); otherwise by time at the milliseconds clients see.</summary>
    public static int Compare(Position left, Position right) =>
        left.Sequence is { } a && right.Sequence is { } b
            ? a.CompareTo(b)
            : ToMilliseconds(left.Time).CompareTo(ToMilliseconds(right.Time));

    public static DateTimeOffset ToMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static Boundary? Edge(Position? position) => position is { } at ? new Boundary(at) : null;

    private static Position Required(Position? position) =>
        position ?? throw new ArgumentException("This subcommand needs a message reference.", nameof(position));
}
