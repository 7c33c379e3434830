using ChatCloud.Recommendations.Online;

namespace ChatCloud.Recommendations.Api;

/// <summary>Reads the caller's <see cref="OnlineSignals"/> for one request: the setting, then Redis (nothing personal for an opted-out account).</summary>
public sealed class SuggestionSignals(SettingsStore settings, OnlineActivity online, OnlineCandidates candidates)
{
    private const int PopularRooms = 30;

    public async Task<OnlineSignals> ReadAsync(string account, CancellationToken cancellationToken)
    {
        var popular = (await online.PopularAsync(PopularRooms))
            .Select(p => new RankedId(p.Room, p.Events, Ranking.RecommenderModel.PopularReason)).ToList();
        if (!(await settings.GetAsync(account, cancellationToken)).Personalised)
        {
            return new OnlineSignals(true, OnlineUser.Empty, [], [], popular);
        }
        var user = await online.ReadAsync(account);
        var (rooms, people) = await candidates.ForAsync(account, user);
        return new OnlineSignals(false, user, rooms, people, popular);
    }
}
