namespace ChatCloud.Recommendations.Features;

/// <summary>
/// The feature vector of one (user, item) candidate, the input of the ranker. Every feature is
/// scale-free or logged so a model trained on one cut-off applies at the next. Order is the model's
/// schema: changing it means a new model version (<see cref="SchemaVersion"/>).
/// </summary>
public sealed class CandidateFeatures(InteractionIndex index, CoActivity coActivity)
{
    public const int SchemaVersion = 1;

    public static readonly string[] Names =
    [
        "popularity", "recent_popularity", "item_knn_sum", "item_knn_max", "item_knn_mean",
        "user_knn", "contacts_in_item", "contacts_share", "hour_fit", "item_idle", "item_age", "user_activity",
        "recent_knn_sum", "recent_knn_max",
    ];

    public static int Count => Names.Length;

    public InteractionIndex Index => index;

    public CoActivity CoActivity => coActivity;

    public void Compute(int user, int item, Span<float> into)
    {
        var history = user < index.UserCount ? index.UserItemList[user] : [];
        float sum = 0, max = 0;
        foreach (var known in history)
        {
            var sim = coActivity.ItemSimilarity(item, known);
            sum += sim;
            max = MathF.Max(max, sim);
        }
        float neighbourScore = 0, neighbourTotal = 0;
        if (user < index.UserCount)
        {
            foreach (var (v, sim) in coActivity.UserNeighbours[user])
            {
                neighbourTotal += sim;
                if (index.Knows(v, item))
                {
                    neighbourScore += sim;
                }
            }
        }
        var contacts = user < index.UserCount ? index.UserContacts[user] : [];
        var contactsIn = 0;
        foreach (var c in contacts)
        {
            if (index.Knows(c, item))
            {
                contactsIn++;
            }
        }
        float hourFit = 0;
        if (user < index.UserCount)
        {
            for (var b = 0; b < InteractionIndex.HourBuckets; b++)
            {
                hourFit += index.UserHours[(user * InteractionIndex.HourBuckets) + b] * index.ItemHours[(item * InteractionIndex.HourBuckets) + b];
            }
        }
        var seen = index.ItemUsers[item].Length > 0;
        into[0] = MathF.Log(1 + index.ItemUsers[item].Length);
        into[1] = MathF.Log(1 + index.ItemRecentEvents[item]);
        into[2] = sum;
        into[3] = max;
        into[4] = history.Length == 0 ? 0 : sum / history.Length;
        into[5] = neighbourTotal == 0 ? 0 : neighbourScore / neighbourTotal;
        into[6] = MathF.Log(1 + contactsIn);
        into[7] = contacts.Length == 0 ? 0 : contactsIn / (float)contacts.Length;
        into[8] = hourFit;
        into[9] = seen ? MathF.Log(1 + ((index.Cutoff - index.ItemLastSeen[item]) / 3600f)) : 10;
        into[10] = seen ? MathF.Log(1 + ((index.Cutoff - index.ItemFirstSeen[item]) / 3600f)) : 0;
        into[11] = MathF.Log(1 + history.Length);
        float recentSum = 0, recentMax = 0;
        foreach (var recent in user < index.UserCount ? index.UserRecentItems[user] : [])
        {
            var sim = coActivity.ItemSimilarity(item, recent);
            recentSum += sim;
            recentMax = MathF.Max(recentMax, sim);
        }
        into[12] = recentSum;
        into[13] = recentMax;
    }
}
