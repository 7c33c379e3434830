namespace ChatCloud.Recommendations.Data;

/// <summary>
/// An interaction history with dense ids, sorted by time, plus who talked to whom. The ids are
/// mapped back to the external ones (an account id, a room name, a MovieLens item number) only at the edges.
/// </summary>
public sealed class InteractionLog
{
    public InteractionLog(
        IReadOnlyList<Interaction> interactions, IReadOnlyList<Contact> contacts,
        IReadOnlyList<string> userIds, IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        Interactions = [.. interactions.OrderBy(i => i.Timestamp)];
        Contacts = [.. contacts.OrderBy(c => c.Timestamp)];
        UserIds = userIds;
        ItemIds = itemIds;
    }

    public IReadOnlyList<Interaction> Interactions { get; }
    public IReadOnlyList<Contact> Contacts { get; }
    public IReadOnlyList<string> UserIds { get; }
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>
    /// Per user, the name a person is suggested by, when the ids are not names (the event history keys
    /// users by account id; people are found and written to by account name); null for ids that are shown as they are.
    /// </summary>
    public IReadOnlyList<string?>? UserNames { get; init; }

    public int UserCount => UserIds.Count;
    public int ItemCount => ItemIds.Count;

    /// <summary>The dense index of an external user id (an account id), or null for a user the log has not seen.</summary>
    public int? FindUser(string id) => (_userIndex ??= Index(UserIds)).TryGetValue(id, out var dense) ? dense : null;

    public int? FindItem(string id) => (_itemIndex ??= Index(ItemIds)).TryGetValue(id, out var dense) ? dense : null;

    private Dictionary<string, int>? _userIndex;
    private Dictionary<string, int>? _itemIndex;

    private static Dictionary<string, int> Index(IReadOnlyList<string> ids)
    {
        var index = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            index.TryAdd(ids[i], i);
        }
        return index;
    }

    /// <summary>The same users and items with only the events that pass the filter (a training split).</summary>
    public InteractionLog Where(Func<Interaction, bool> keep, Func<Contact, bool>? keepContact = null) =>
        new([.. Interactions.Where(keep)], [.. Contacts.Where(keepContact ?? (_ => true))], UserIds, ItemIds) { UserNames = UserNames };

    /// <summary>Dense ids assigned in order of first appearance.</summary>
    public sealed class IdMap
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];

        public IReadOnlyList<string> Ids => _ids;

        public int this[string id]
        {
            get
            {
                if (!_index.TryGetValue(id, out var dense))
                {
                    dense = _ids.Count;
                    _index.Add(id, dense);
                    _ids.Add(id);
                }
                return dense;
            }
        }

        public bool TryFind(string id, out int dense) => _index.TryGetValue(id, out dense);
    }
}
