using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// A room's state as the authority's stream describes it: loaded from a snapshot, then changed by
/// each event in order, the way the authority changed it. Not thread-safe: <see cref="LocalRoom"/>
/// guards it.
/// </summary>
internal sealed class RoomReplica
{
    private const string Flags = "imnst";

    // Members in the order they joined (NAMES lists them sorted; WHO too).
    private readonly Dictionary<string, RoomMember> _members = new(IrcCaseMapping.Rfc1459);
    private readonly List<RoomBan> _bans = [];
    private DateTimeOffset _createdAt;
    private string _modes = "";
    private string? _key;
    private int? _limit;
    private RoomTopic? _topic;

    public void Load(RoomSnapshot snapshot)
    {
        _members.Clear();
        foreach (var member in snapshot.Members)
        {
            _members[member.Nick] = member;
        }
        _bans.Clear();
        _bans.AddRange(snapshot.Bans ?? []);
        (_createdAt, _modes, _key, _limit, _topic) = (snapshot.CreatedAt, snapshot.Modes, snapshot.Key, snapshot.Limit, snapshot.Topic);
    }

    public RoomSnapshot ToSnapshot(string name, long sequence) =>
        new(name, sequence, _createdAt, _modes, _key, _limit, _topic, [.. _members.Values], [.. _bans]);

    public bool Has(char mode) => _modes.Contains(mode, StringComparison.Ordinal);

    public string? PrefixesOf(string nick) => _members.TryGetValue(nick, out var member) ? member.Prefixes : null;

    /// <summary>chghost: the member shows <paramref name="host"/> from now on.</summary>
    public void ChangeHost(string nick, string host)
    {
        if (_members.TryGetValue(nick, out var member))
        {
            _members[nick] = member with { Host = host };
        }
    }

    public bool IsBanned(string mask) => _bans.Exists(ban => IrcMask.Matches(ban.Mask, mask, IrcCaseMapping.Rfc1459));

    /// <summary>Applies one event of the room's stream (see <see cref="MessageStored"/> for each verb's arguments).</summary>
    public void Apply(MessageStored stored)
    {
        var arguments = stored.Arguments ?? [];
        switch (stored.Kind)
        {
            case "JOIN":
                // As the authority does: whoever joins an empty room is its operator.
                var account = arguments.Count > 0 && arguments[0] != "*" ? arguments[0] : null;
                _members.TryAdd(stored.AuthorNick, new RoomMember(stored.AuthorNick, stored.AuthorUser, stored.AuthorHost,
                    stored.AuthorAccountId, _members.Count == 0 ? "o" : "", account));
                break;
            case "PART" or "QUIT":
                _members.Remove(stored.AuthorNick);
                break;
            case "KICK" when arguments.Count > 0:
                _members.Remove(arguments[0]);
                break;
            case "NICK" when arguments.Count > 0 && _members.Remove(stored.AuthorNick, out var renamed):
                _members[arguments[0]] = renamed with { Nick = arguments[0] };
                break;
            case "TOPIC":
                _topic = stored.Text.Length == 0
                    ? null
                    : new RoomTopic(stored.Text, $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}", stored.ServerTime);
                break;
            case "MODE" when arguments.Count > 0:
                ApplyModes(arguments, stored);
                break;
        }
    }

    /// <summary>A MODE as the authority wrote what it applied: <c>["+o-k", "alice", "*"]</c>, arguments in order.</summary>
    private void ApplyModes(IReadOnlyList<string> arguments, MessageStored stored)
    {
        var add = true;
        var next = 1;
        foreach (var mode in arguments[0])
        {
            switch (mode)
            {
                case '+' or '-':
                    add = mode == '+';
                    break;
                case 'b' when next < arguments.Count:
                    var mask = arguments[next++];
                    _bans.RemoveAll(ban => string.Equals(ban.Mask, mask, StringComparison.Ordinal));
                    if (add)
                    {
                        _bans.Add(new RoomBan(mask, stored.AuthorNick, stored.ServerTime));
                    }
                    break;
                case 'k' when next < arguments.Count:
                    var key = arguments[next++];
                    _key = add ? key : null;
                    break;
                case 'l':
                    _limit = add && next < arguments.Count && int.TryParse(arguments[next++], out var limit) ? limit : null;
                    break;
                case 'o' or 'v' when next < arguments.Count:
                    var nick = arguments[next++];
                    if (_members.TryGetValue(nick, out var member))
                    {
                        var prefixes = add
                            ? string.Concat("ov".Where(p => p == mode || member.Prefixes.Contains(p, StringComparison.Ordinal)))
                            : member.Prefixes.Replace(mode.ToString(), "", StringComparison.Ordinal);
                        _members[nick] = member with { Prefixes = prefixes };
                    }
                    break;
                default:
                    if (Flags.Contains(mode, StringComparison.Ordinal))
                    {
                        _modes = string.Concat(Flags.Where(flag => flag == mode ? add : _modes.Contains(flag, StringComparison.Ordinal)));
                    }
                    break;
            }
        }
    }
}
