using ChatCloud.Irc;
using ChatCloud.Recommendations.Data;

namespace ChatCloud.Recommendations.EventHistory;

/// <summary>
/// Turns stored interactions into the <see cref="InteractionLog"/> the trainer reads, in the shape the
/// generated workload has: one interaction per visit, that is per account, room and clock hour, at the
/// visit's first event, weighted by the messages written in it (at least 1). A visit, not an event, is
/// the unit because the features count events per room (its popularity, its busy hours): a hundred
/// messages in one sitting are one use of the room, as they are in the workload. Direct messages become
/// contacts when the name written to is an account seen in the rooms; users are account keys (as the
/// API looks them up) and keep their latest account name, by which people are suggested.
/// Rows may come raw or already summed per visit (<see cref="InteractionStore.ReadAsync"/>): the result is the same.
/// </summary>
public sealed class EventLogBuilder
{
    private readonly Dictionary<(string Account, string Room, long Hour), (long First, float Weight)> _visits = [];
    private readonly List<(string Account, string Person, long At)> _direct = [];
    private readonly Dictionary<string, (string Name, DateTimeOffset At)> _names = new(StringComparer.Ordinal);

    public void Add(StoredInteraction row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var at = row.OccurredAt.ToUnixTimeSeconds();
        if (row.AccountName is { Length: > 0 } name && (!_names.TryGetValue(row.Account, out var known) || known.At <= row.OccurredAt))
        {
            _names[row.Account] = (name, row.OccurredAt);
        }
        if (row.Kind == InteractionKinds.Direct)
        {
            _direct.Add((row.Account, row.Target, at));
            return;
        }
        var key = (row.Account, row.Target, Math.DivRem(at, 3600).Quotient);
        _visits[key] = _visits.TryGetValue(key, out var visit)
            ? (Math.Min(visit.First, at), visit.Weight + row.Weight)
            : (at, row.Weight);
    }

    public InteractionLog Build()
    {
        var users = new InteractionLog.IdMap();
        var items = new InteractionLog.IdMap();
        // In time order, so dense ids follow first appearance whatever order the rows came in.
        var interactions = _visits.OrderBy(v => v.Value.First).ThenBy(v => v.Key.Account, StringComparer.Ordinal).ThenBy(v => v.Key.Room, StringComparer.Ordinal)
            .Select(v => new Interaction(users[v.Key.Account], items[v.Key.Room], v.Value.First, Math.Max(1f, v.Value.Weight)))
            .ToList();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var u = 0; u < users.Ids.Count; u++)
        {
            if (_names.TryGetValue(users.Ids[u], out var name))
            {
                byName.TryAdd(IrcCaseMapping.Rfc1459.Fold(name.Name), u);
            }
        }
        var contacts = _direct
            .Where(d => users.TryFind(d.Account, out _) && byName.ContainsKey(d.Person))
            .Select(d => (User: users[d.Account], Person: byName[d.Person], d.At))
            .Where(c => c.User != c.Person)
            .Select(c => new Contact(c.User, c.Person, c.At))
            .ToList();
        return new InteractionLog(interactions, contacts, users.Ids, items.Ids)
        {
            UserNames = [.. users.Ids.Select(id => _names.TryGetValue(id, out var name) ? name.Name : null)],
        };
    }
}
