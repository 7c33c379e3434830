using ChatCloud.Recommendations.Models;

namespace ChatCloud.Recommendations.Api;

public sealed record SuggestedItem(string Id, string Reason, double Score);

public sealed record SuggestionList(int ModelVersion, IReadOnlyList<SuggestedItem> Items);

/// <summary>
/// The caller's suggestions from the model in use, by external ids: an account the model has not
/// seen gets the cold-start list (busy rooms, well-connected people), and dismissed ids never appear.
/// </summary>
public static class Suggestions
{
    public static SuggestionList Rooms(ServingModel serving, string account, int count, IReadOnlySet<string> dismissed)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(dismissed);
        var log = serving.Model.Index.Log;
        var excluded = Dense(dismissed, log.FindItem);
        var items = serving.Model.SuggestItems(log.FindUser(account), count, excluded)
            .Select(s => new SuggestedItem(log.ItemIds[s.Item], s.Reason, Math.Round(s.Score, 4)));
        return new SuggestionList(serving.Card.Version, [.. items]);
    }

    public static SuggestionList People(ServingModel serving, string account, int count, IReadOnlySet<string> dismissed)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(dismissed);
        var log = serving.Model.Index.Log;
        var excluded = Dense(dismissed, log.FindUser);
        var people = serving.Model.SuggestPeople(log.FindUser(account), count, excluded)
            .Select(p => new SuggestedItem(log.UserIds[p.Person], p.Reason, Math.Round(p.Score, 4)));
        return new SuggestionList(serving.Card.Version, [.. people]);
    }

    private static HashSet<int> Dense(IReadOnlySet<string> ids, Func<string, int?> find) =>
        [.. ids.Select(find).OfType<int>()];
}
