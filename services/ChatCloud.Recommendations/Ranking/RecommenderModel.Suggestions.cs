using ChatCloud.Recommendations.Features;

namespace ChatCloud.Recommendations.Ranking;

// Turning scores into what a user sees: the top rooms with a reason, the cold start, and people.
public sealed partial class RecommenderModel
{
    public const string PopularReason = "popular right now";

    /// <summary>The best <paramref name="count"/> rooms the user has not used and not dismissed.</summary>
    public IReadOnlyList<Suggestion> SuggestItems(int? user, int count, IReadOnlySet<int> excluded)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        var candidates = Index.KnownItems()
            .Where(i => !excluded.Contains(i) && (user is not { } u || !Index.Knows(u, i)))
            .ToList();
        if (user is not { } known || known >= Index.UserCount || Index.UserItemList[known].Length == 0)
        {
            // Cold start (issue 7): nothing personal to go on, so what is busy now, then what is big.
            return [.. candidates
                .OrderByDescending(i => Index.ItemRecentEvents[i]).ThenByDescending(i => Index.ItemUsers[i].Length).ThenBy(i => i)
                .Take(count)
                .Select(i => new Suggestion(i, Index.ItemRecentEvents[i], PopularReason))];
        }
        var scores = Score([.. candidates.Select(i => new Candidate(known, i))]);
        return [.. candidates.Select((item, n) => (item, score: scores[n]))
            .OrderByDescending(x => x.score).ThenBy(x => x.item)
            .Take(count)
            .Select(x => new Suggestion(x.item, x.score, ReasonFor(known, x.item)))];
    }

    /// <summary>
    /// People to talk to: neighbours by shared rooms and people the user's contacts talk to, minus those
    /// the user already talks to. A scored heuristic, not the learned ranker (docs/ml.md says why).
    /// </summary>
    public IReadOnlyList<(int Person, float Score, string Reason)> SuggestPeople(int? user, int count, IReadOnlySet<int> excluded)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        if (user is not { } u || u >= Index.UserCount || Index.UserItemList[u].Length == 0)
        {
            return [.. Enumerable.Range(0, Index.UserCount)
                .Where(p => p != user && !excluded.Contains(p) && Index.UserContacts[p].Length > 0)
                .OrderByDescending(p => Index.UserContacts[p].Length).ThenBy(p => p)
                .Take(count)
                .Select(p => (p, (float)Index.UserContacts[p].Length, "talks with many people here"))];
        }
        var contacts = Index.UserContacts[u].ToHashSet();
        var scores = new Dictionary<int, (float Shared, int Mutual)>();
        foreach (var (v, sim) in CoActivity.UserNeighbours[u])
        {
            scores[v] = (sim, 0);
        }
        foreach (var c in contacts)
        {
            foreach (var v in Index.UserContacts[c])
            {
                var s = scores.GetValueOrDefault(v);
                scores[v] = (s.Shared, s.Mutual + 1);
            }
        }
        return [.. scores
            .Where(p => p.Key != u && !contacts.Contains(p.Key) && !excluded.Contains(p.Key))
            .Select(p => (Person: p.Key, Score: p.Value.Shared + (0.2f * p.Value.Mutual), p.Value.Mutual))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Person)
            .Take(count)
            .Select(p => (p.Person, p.Score, p.Mutual > 0
                ? $"talks with {p.Mutual} {(p.Mutual == 1 ? "person" : "people")} you talk to"
                : "active in the rooms you use"))];
    }

    private string ReasonFor(int user, int item)
    {
        Span<float> f = stackalloc float[FeatureRow.Width];
        Features.Compute(user, item, f);
        if (f[6] > 0)
        {
            return "active with people you talk to";
        }
        if (f[3] >= 0.05f)
        {
            var closest = Index.UserItemList[user].MaxBy(known => CoActivity.ItemSimilarity(item, known));
            return $"people in {Index.Log.ItemIds[closest]} are here too";
        }
        return f[5] > 0 ? "popular with people who share your rooms" : PopularReason;
    }
}
