using ChatCloud.Recommendations.Data;

namespace ChatCloud.Recommendations.Evaluation;

/// <summary>
/// The leave-one-out protocol of the published MovieLens tables (He et al., "Neural Collaborative
/// Filtering", WWW 2017, §4.1): each user's latest item is held out, the model is trained on the rest,
/// and the held-out item is ranked among 100 items the user never interacted with, sampled uniformly.
/// An item counts once per user, at the time the user first used it.
/// </summary>
public static class LeaveOneOut
{
    public const int SampledNegatives = 100;

    /// <summary>Per user with at least two distinct items: the item first used last (ties: the later event).</summary>
    public static Dictionary<int, int> LatestNewItems(InteractionLog log) =>
        LatestNewItems(log, 1).ToDictionary(p => p.Key, p => p.Value[0]);

    /// <summary>
    /// Per user: up to <paramref name="count"/> items first used last, latest first, always leaving
    /// the user at least one item (users with one item are left out).
    /// </summary>
    public static Dictionary<int, int[]> LatestNewItems(InteractionLog log, int count)
    {
        ArgumentNullException.ThrowIfNull(log);
        var firstUse = new Dictionary<(int User, int Item), long>();
        foreach (var i in log.Interactions)
        {
            firstUse.TryAdd((i.User, i.Item), i.Timestamp);
        }
        // Interactions are in time order, and so is the dictionary's insertion order: later pairs were first used no earlier.
        var byUser = new Dictionary<int, List<int>>();
        foreach (var ((user, item), _) in firstUse)
        {
            (byUser.TryGetValue(user, out var items) ? items : byUser[user] = []).Add(item);
        }
        return byUser.Where(p => p.Value.Count >= 2)
            .ToDictionary(p => p.Key, p => Enumerable.Reverse(p.Value).Take(Math.Min(count, p.Value.Count - 1)).ToArray());
    }

    public static (InteractionLog Training, Dictionary<int, int> HeldOut) Split(InteractionLog log)
    {
        var heldOut = LatestNewItems(log);
        var training = log.Where(i => !(heldOut.TryGetValue(i.User, out var item) && item == i.Item));
        return (training, heldOut);
    }

    /// <summary>
    /// <paramref name="count"/> distinct items drawn uniformly from those the user never used in the
    /// whole log (so a negative is never a hidden positive), fewer only if the catalogue is too small.
    /// </summary>
    public static int[] SampleNegatives(IReadOnlySet<int> used, int itemCount, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(random);
        var available = itemCount - used.Count(i => i >= 0 && i < itemCount);
        var take = Math.Min(count, available);
        var chosen = new HashSet<int>();
        var result = new int[take];
        var n = 0;
        while (n < take)
        {
            var item = random.Next(itemCount);
            if (!used.Contains(item) && chosen.Add(item))
            {
                result[n++] = item;
            }
        }
        return result;
    }
}
