namespace ChatCloud.TcpEdge.Presence;

/// <summary>
/// Nicks coming online and going offline on any edge, for MONITOR (IRCv3 monitor), and changes to
/// a user that the people sharing a room with it are shown (AWAY, SETNAME). Every edge publishes
/// its own users' changes and hears every edge's, its own included.
/// </summary>
public interface IPresenceFeed
{
    /// <summary>Tells every edge's room-mates of the user; throws when the feed cannot be reached.</summary>
    Task PublishAsync(RoomMateNotice notice, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every room-mate notice from now on, one at a time, in each edge's order.</summary>
    Task SubscribeAsync(Action<RoomMateNotice> handler, CancellationToken cancellationToken);

    /// <summary>Tells every edge; throws when the feed cannot be reached.</summary>
    Task PublishAsync(PresenceChange change, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every change from now on, one at a time, in the order each edge published them.</summary>
    Task SubscribeAsync(Action<PresenceChange> handler, CancellationToken cancellationToken);
}

/// <summary>A nick came online as <see cref="Mask"/> (<c>nick!user@host</c>), or went offline (no mask).</summary>
public sealed record PresenceChange(string Nick, string? Mask)
{
    public bool IsOnline => Mask is not null;

    public static PresenceChange Online(string nick, string mask) => new(nick, mask);

    public static PresenceChange Offline(string nick) => new(nick, null);

    /// <summary><c>+nick!user@host</c> or <c>-nick</c>: a nick holds neither <c>!</c> nor <c>@</c>, so it reads back unambiguously.</summary>
    public string Format() => IsOnline ? "+" + Mask : "-" + Nick;

    public static PresenceChange? Parse(string? text)
    {
        if (text is not { Length: > 1 })
        {
            return null;
        }
        var body = text[1..];
        return text[0] switch
        {
            '+' when body.IndexOf('!', StringComparison.Ordinal) is > 0 and var bang => Online(body[..bang], body),
            '-' => Offline(body),
            _ => null,
        };
    }
}

/// <summary>
/// A line (<c>:nick!user@host AWAY :…</c>) for everyone sharing a room with <see cref="Nick"/> who
/// enabled <see cref="Capability"/>, on whichever edge they are.
/// </summary>
public sealed record RoomMateNotice(string Nick, Server.Capabilities Capability, string Line)
{
    /// <summary><c>&lt;capability&gt; &lt;nick&gt; &lt;line&gt;</c>: the first two hold no space.</summary>
    public string Format() => $"{((int)Capability).ToString(System.Globalization.CultureInfo.InvariantCulture)} {Nick} {Line}";

    public static RoomMateNotice? Parse(string? text)
    {
        var parts = text?.Split(' ', 3);
        return parts is [var capability, var nick, var line]
            && int.TryParse(capability, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var flag)
            && nick.Length > 0 && line.Length > 0
            ? new RoomMateNotice(nick, (Server.Capabilities)flag, line)
            : null;
    }
}
