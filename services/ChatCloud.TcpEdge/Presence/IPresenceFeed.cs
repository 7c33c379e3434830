namespace ChatCloud.TcpEdge.Presence;

/// <summary>
/// Nicks coming online and going offline on any edge, for MONITOR (IRCv3 monitor). Every edge
/// publishes its own users' changes and hears every edge's, its own included.
/// </summary>
public interface IPresenceFeed
{
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
