using ChatCloud.Recommendations.Data;

namespace ChatCloud.Recommendations.Features;

/// <summary>
/// What the features are computed from, built once per training run from the events up to a cut-off:
/// who used which item and how much, each item's audience, busy hours and last activity, each user's
/// hours and contacts. Arrays indexed by the dense ids of <see cref="InteractionLog"/>; read-only after construction.
/// </summary>
public sealed class InteractionIndex
{
    public const int HourBuckets = 6; // four-hour slots: enough for a chronotype, few enough to be dense

    /// <summary>How many of a user's latest items make the short-term context (where they are heading now).</summary>
    public const int RecentItems = 5;

    public InteractionIndex(InteractionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Log = log;
        UserCount = log.UserCount;
        ItemCount = log.ItemCount;
        var userItems = new Dictionary<int, float>[UserCount];
        var itemUsers = new HashSet<int>[ItemCount];
        ItemEvents = new float[ItemCount];
        ItemRecentEvents = new float[ItemCount];
        ItemFirstSeen = new long[ItemCount];
        ItemLastSeen = new long[ItemCount];
        ItemHours = new float[ItemCount * HourBuckets];
        UserHours = new float[UserCount * HourBuckets];
        Array.Fill(ItemFirstSeen, long.MaxValue);
        Array.Fill(ItemLastSeen, long.MinValue);
        var interactions = log.Interactions;
        if (interactions.Count > 0)
        {
            Start = interactions[0].Timestamp;
            Cutoff = interactions[^1].Timestamp;
        }
        // "Recent" is the last tenth of the period: days for chat logs, months for a MovieLens-style log.
        var recentFrom = Cutoff - ((Cutoff - Start) / 10);
        foreach (var i in interactions)
        {
            (userItems[i.User] ??= [])[i.Item] = userItems[i.User].GetValueOrDefault(i.Item) + i.Weight;
            (itemUsers[i.Item] ??= []).Add(i.User);
            ItemEvents[i.Item] += 1;
            if (i.Timestamp >= recentFrom)
            {
                ItemRecentEvents[i.Item] += 1;
            }
            ItemFirstSeen[i.Item] = Math.Min(ItemFirstSeen[i.Item], i.Timestamp);
            ItemLastSeen[i.Item] = Math.Max(ItemLastSeen[i.Item], i.Timestamp);
            var bucket = HourBucket(i.Timestamp);
            ItemHours[(i.Item * HourBuckets) + bucket] += 1;
            UserHours[(i.User * HourBuckets) + bucket] += 1;
        }
        var lastUse = new Dictionary<(int, int), long>();
        foreach (var i in interactions)
        {
            lastUse[(i.User, i.Item)] = i.Timestamp;
        }
        UserRecentItems = [.. Enumerable.Range(0, UserCount).Select(u => Array.Empty<int>())];
        foreach (var byUser in lastUse.GroupBy(p => p.Key.Item1))
        {
            UserRecentItems[byUser.Key] = [.. byUser.OrderByDescending(p => p.Value).Take(RecentItems).Select(p => p.Key.Item2)];
        }
        UserItems = [.. userItems.Select(d => d ?? [])];
        UserItemList = [.. UserItems.Select(d => d.Keys.Order().ToArray())];
        ItemUsers = [.. itemUsers.Select(s => s is null ? [] : s.Order().ToArray())];
        var contacts = new HashSet<int>[UserCount];
        foreach (var c in log.Contacts.Where(c => c.Timestamp <= Cutoff))
        {
            (contacts[c.User] ??= []).Add(c.Person);
            (contacts[c.Person] ??= []).Add(c.User);
        }
        UserContacts = [.. contacts.Select(s => s is null ? [] : s.Order().ToArray())];
        Normalize(ItemHours);
        Normalize(UserHours);
    }

    public InteractionLog Log { get; }
    public int UserCount { get; }
    public int ItemCount { get; }
    public long Start { get; }
    public long Cutoff { get; }
    public IReadOnlyList<Dictionary<int, float>> UserItems { get; }
    public IReadOnlyList<int[]> UserItemList { get; }

    /// <summary>Per user: the <see cref="RecentItems"/> items used last, latest first.</summary>
    public int[][] UserRecentItems { get; }
    public IReadOnlyList<int[]> ItemUsers { get; }
    public IReadOnlyList<int[]> UserContacts { get; }
    public float[] ItemEvents { get; }
    public float[] ItemRecentEvents { get; }
    public long[] ItemFirstSeen { get; }
    public long[] ItemLastSeen { get; }
    public float[] ItemHours { get; }
    public float[] UserHours { get; }

    public bool Knows(int user, int item) => user < UserCount && UserItems[user].ContainsKey(item);

    /// <summary>Items seen at all before the cut-off: the candidates a model can rank.</summary>
    public IEnumerable<int> KnownItems() => Enumerable.Range(0, ItemCount).Where(i => ItemUsers[i].Length > 0);

    public static int HourBucket(long unixSeconds) => (int)(((unixSeconds % 86_400) + 86_400) % 86_400 / 3600) * HourBuckets / 24;

    private static void Normalize(float[] histograms)
    {
        for (var start = 0; start < histograms.Length; start += HourBuckets)
        {
            var row = histograms.AsSpan(start, HourBuckets);
            var sum = 0f;
            foreach (var x in row)
            {
                sum += x * x;
            }
            var norm = MathF.Sqrt(sum);
            for (var i = 0; norm > 0 && i < row.Length; i++)
            {
                row[i] /= norm;
            }
        }
    }
}
