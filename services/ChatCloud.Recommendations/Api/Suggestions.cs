using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Online;
using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Api;

public sealed record SuggestedItem(string Id, string Reason, double Score);

/// <summary>
/// A served list: <see cref="Personalised"/> is false when it is the popular list (the user opted out,
/// or nothing is known about them yet).
/// </summary>
public sealed record SuggestionList(int ModelVersion, bool Personalised, IReadOnlyList<SuggestedItem> Items);

/// <summary>What the online features say about the caller at request time (<see cref="SuggestionSignals"/> reads them).</summary>
public sealed record OnlineSignals(
    bool OptedOut, OnlineUser User, IReadOnlyList<RankedId> Rooms, IReadOnlyList<RankedId> People, IReadOnlyList<RankedId> Popular)
{
    public static readonly OnlineSignals None = new(false, OnlineUser.Empty, [], [], []);
}

/// <summary>
/// The caller's suggestions: the trained model's list and the online list fused (<see cref="RankFusion"/>),
/// by external ids. The model's list is its learned ranking for an account it was trained on, or,
/// for one it was not, its item-kNN over the rooms the account used lately; the online list is the
/// co-activity of the last days. With neither (a new account) or after an opt-out, the popular list:
/// rooms busy in the last day fused with the model's cold start. Dismissed ids and rooms the user is
/// in never appear.
/// </summary>
public static class Suggestions
{
    private const int ListLength = 30;

    public static SuggestionList Rooms(ServingModel serving, string account, int count, IReadOnlySet<string> dismissed, OnlineSignals? online = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(dismissed);
        online ??= OnlineSignals.None;
        var model = serving.Model;
        var log = model.Index.Log;
        var own = online.User.Rooms.ToHashSet(StringComparer.Ordinal);
        bool Excluded(string id) => dismissed.Contains(id) || own.Contains(id);
        var excludedDense = Dense(dismissed.Concat(own), log.FindItem);
        if (!online.OptedOut)
        {
            var user = log.FindUser(account);
            List<RankedId> learned = user is { } u && u < model.Index.UserCount && model.Index.UserItemList[u].Length > 0
                ? [.. model.SuggestItems(u, ListLength, excludedDense).Select(s => new RankedId(log.ItemIds[s.Item], s.Score, s.Reason))]
                : ItemKnn(model, online.User.Rooms, excludedDense);
            if (learned.Count > 0 || online.Rooms.Count > 0)
            {
                return List(serving, true, RankFusion.Fuse([learned, online.Rooms], count, Excluded));
            }
        }
        IReadOnlyList<RankedId> coldStart = [.. model.SuggestItems(null, ListLength, excludedDense)
            .Select(s => new RankedId(log.ItemIds[s.Item], s.Score, s.Reason))];
        return List(serving, false, RankFusion.Fuse([online.Popular, coldStart], count, Excluded));
    }

    public static SuggestionList People(ServingModel serving, string account, int count, IReadOnlySet<string> dismissed, OnlineSignals? online = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(dismissed);
        online ??= OnlineSignals.None;
        var log = serving.Model.Index.Log;
        var excluded = Dense(dismissed, log.FindUser);
        bool Excluded(string id) => dismissed.Contains(id) || id == account;
        if (!online.OptedOut)
        {
            var user = log.FindUser(account);
            List<RankedId> learned = user is null ? [] : Named(log, serving.Model.SuggestPeople(user, ListLength, excluded));
            if (learned.Count > 0 || online.People.Count > 0)
            {
                return List(serving, true, RankFusion.Fuse([learned, online.People], count, Excluded));
            }
        }
        var coldStart = Named(log, serving.Model.SuggestPeople(null, ListLength, excluded));
        return List(serving, false, RankFusion.Fuse([coldStart], count, Excluded));
    }

    /// <summary>
    /// People by the name they are written to: a log keyed by account id (the event history) names them
    /// through <see cref="InteractionLog.UserNames"/>, and one whose name is unknown is left out.
    /// </summary>
    private static List<RankedId> Named(Data.InteractionLog log, IEnumerable<(int Person, float Score, string Reason)> people) =>
        [.. people
            .Select(p => (Name: log.UserNames is { } names ? names[p.Person] : log.UserIds[p.Person], p.Score, p.Reason))
            .Where(p => p.Name is not null)
            .Select(p => new RankedId(p.Name!, p.Score, p.Reason))];

    /// <summary>The batch model's item-item similarity to the rooms the account used lately, for an account the model was not trained on.</summary>
    private static List<RankedId> ItemKnn(RecommenderModel model, IReadOnlyList<string> recentRooms, HashSet<int> excluded)
    {
        var known = recentRooms.Select(model.Index.Log.FindItem).OfType<int>().ToList();
        if (known.Count == 0)
        {
            return [];
        }
        return [.. model.Index.KnownItems()
            .Where(i => !excluded.Contains(i))
            .Select(i => (Item: i, Score: known.Sum(r => model.CoActivity.ItemSimilarity(i, r)), Closest: known.MaxBy(r => model.CoActivity.ItemSimilarity(i, r))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(ListLength)
            .Select(x => new RankedId(model.Index.Log.ItemIds[x.Item], x.Score, $"people in {model.Index.Log.ItemIds[x.Closest]} are here too"))];
    }

    private static SuggestionList List(ServingModel serving, bool personalised, IReadOnlyList<RankedId> items) =>
        new(serving.Card.Version, personalised, [.. items.Select(c => new SuggestedItem(c.Id, c.Reason, c.Score))]);

    private static HashSet<int> Dense(IEnumerable<string> ids, Func<string, int?> find) =>
        [.. ids.Select(find).OfType<int>()];
}
