using ChatCloud.Irc;

namespace ChatCloud.Recommendations.Online;

/// <summary>A suggestion from one source, before the sources are fused: an id, its score in that source, and a reason.</summary>
public readonly record struct RankedId(string Id, double Score, string Reason);

/// <summary>
/// Suggestions from the online features alone, computed at request time from Redis: rooms that the
/// recent members of the user's rooms are active in (item-to-item co-activity, as the batch model's
/// item-kNN, but over the last days and for rooms the batch has never seen), and people active in the
/// user's rooms whom they do not write to yet. Bounded reads: the user's 10 newest rooms, 50 members
/// of each, 20 rooms of each member.
/// </summary>
public sealed class OnlineCandidates(OnlineActivity online)
{
    private const int RoomsRead = 10;
    private const int MembersRead = 50;
    private const int RoomsPerMember = 20;

    public async Task<(IReadOnlyList<RankedId> Rooms, IReadOnlyList<RankedId> People)> ForAsync(string account, OnlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = user.Rooms.ToHashSet(StringComparer.Ordinal);
        var contacts = user.Contacts.ToHashSet(StringComparer.Ordinal);
        // Candidate room → how much each of the user's rooms contributed to it (the largest is the reason).
        var roomScores = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var people = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var room in user.Rooms.Take(RoomsRead))
        {
            var members = (await online.MembersAsync(room, MembersRead)).Where(m => m != account).ToList();
            // A co-member of a small room says more than one of a crowd (the 1/log weighting of item-kNN on sets).
            var weight = 1 / Math.Log2(2 + members.Count);
            var theirRooms = await Task.WhenAll(members.Select(m => online.RoomsOfAsync(m, RoomsPerMember)));
            foreach (var (member, memberRooms) in members.Zip(theirRooms))
            {
                people[member] = people.GetValueOrDefault(member) + 1;
                foreach (var other in memberRooms.Where(r => !own.Contains(r)))
                {
                    var from = roomScores.TryGetValue(other, out var known) ? known : roomScores[other] = new(StringComparer.Ordinal);
                    from[room] = from.GetValueOrDefault(room) + weight;
                }
            }
        }
        var rooms = roomScores
            .Select(r => new RankedId(r.Key, r.Value.Values.Sum(),
                $"people in {r.Value.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key} are here too"))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var named = await Task.WhenAll(people.Keys.Select(async member => (member, name: await online.NameOfAsync(member))));
        var persons = named
            .Where(p => p.name is not null && !contacts.Contains(IrcCaseMapping.Rfc1459.Fold(p.name)))
            .Select(p => new RankedId(p.name!, people[p.member], people[p.member] == 1 ? "active in a room you use" : $"active in {people[p.member]} of your rooms"))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        return (rooms, persons);
    }
}
