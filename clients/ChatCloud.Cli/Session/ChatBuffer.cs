using ChatCloud.Irc;

namespace ChatCloud.Cli.Session;

internal enum BufferKind
{
    Server,
    Room,
    Query,
}

// One pane's worth of conversation: a room, a direct-message partner, or the server's own lines.
internal sealed class ChatBuffer(string name, BufferKind kind)
{
    private readonly List<ChatLine> _lines = [];
    private readonly HashSet<string> _msgids = new(StringComparer.Ordinal);

    public string Name { get; set; } = name;

    public BufferKind Kind { get; } = kind;

    public IReadOnlyList<ChatLine> Lines => _lines;

    public SortedSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Topic { get; set; }

    public int Unread { get; set; }

    public int Mentions { get; set; }

    // How far the account has read here (draft/read-marker), on this device or another.
    public DateTimeOffset? ReadMarker { get; set; }

    // The server time of the newest stored line (one with a msgid), what MARKREAD would mark.
    public DateTimeOffset? LatestStored { get; private set; }

    // False after PART or KICK: the buffer stays readable but nothing is sent to it.
    public bool Joined { get; set; }

    public bool Contains(string msgid) => _msgids.Contains(msgid);

    public string? OldestMsgId => _lines.FirstOrDefault(line => line.MsgId is not null)?.MsgId;

    // Adds a line in server-time order; false when its msgid is already here (a line seen live and
    // again in a CHATHISTORY replay, or replayed twice). Lines without a time of their own (server
    // replies, pending lines) take the local clock and so land at the end.
    public bool Add(ChatLine line)
    {
        if (line.MsgId is { } msgid && !_msgids.Add(msgid))
        {
            return false;
        }

        int at = _lines.Count;
        while (at > 0 && _lines[at - 1].Time > line.Time && _lines[at - 1].State != DeliveryState.Pending)
        {
            at--;
        }

        _lines.Insert(at, line);
        if (line.MsgId is not null && !(LatestStored >= line.Time))
        {
            LatestStored = line.Time;
        }

        return true;
    }

    // An own pending line became stored: it takes the server's msgid and time, and its place in order.
    public void Confirm(ChatLine line, string? msgid, DateTimeOffset time)
    {
        _lines.Remove(line);
        line.State = DeliveryState.Stored;
        line.Time = time;
        line.MsgId = null;
        if (msgid is not null && _msgids.Contains(msgid))
        {
            // The stored copy is here already (a history replay came before the echo).
            return;
        }

        line.MsgId = msgid;
        Add(line);
    }

    public ChatLine? FindPending(Func<ChatLine, bool> match)
    {
        for (int i = _lines.Count - 1; i >= 0; i--)
        {
            if (_lines[i].State == DeliveryState.Pending && match(_lines[i]))
            {
                return _lines[i];
            }
        }

        return null;
    }

    public bool IsNamed(string name) => IrcCaseMapping.Rfc1459.Equals(Name, name);
}
