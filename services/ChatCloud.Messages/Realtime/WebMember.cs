using ChatCloud.Contracts.Rooms;
using ChatCloud.Presence;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// An account on this instance's web edge: one room member however many tabs it has open
/// (docs/web-realtime.md, "Identity and membership"). Guarded by <see cref="WebMembers"/>'s lock.
/// </summary>
internal sealed class WebMember(Guid accountId, string account, string nick, string edge, SendRate rate)
{
    public Guid AccountId { get; } = accountId;

    public string Account { get; } = account;

    public string Nick { get; } = nick;

    /// <summary>What its tabs may send, together: the rate is the account's, not a tab's.</summary>
    public SendRate Rate { get; } = rate;

    /// <summary>When its first tab connected (WHOIS's signon).</summary>
    public DateTimeOffset SignedOnAt { get; init; }

    /// <summary>Its away message (AWAY), null while present.</summary>
    public string? Away { get; set; }

    /// <summary>The tabs connected now.</summary>
    public HashSet<WebConnection> Connections { get; } = [];

    /// <summary>The rooms it is in, folded name to name.</summary>
    public Dictionary<string, string> Rooms { get; } = new(StringComparer.Ordinal);

    /// <summary>Cancels the quit scheduled when the last tab closed, if a tab comes back in time.</summary>
    public CancellationTokenSource? PendingQuit { get; set; }

    /// <summary>How the authority and every IRC client see it: <c>nick!account@web</c>.</summary>
    public RoomActor Actor => new(Nick, User, WebMembers.Host, AccountId, edge, AccountId.ToString("N"), Account);

    /// <summary>What WHOIS shows of it on any edge: its real name is its account name.</summary>
    public DirectoryUser ToDirectoryUser() => new(Nick, User, WebMembers.Host, Account, Account, Away, SignedOnAt);

    /// <summary>An IRC user name is at most 10 characters here, like the TCP edge's (USERLEN).</summary>
    private string User => Account.Length <= 10 ? Account : Account[..10];
}
