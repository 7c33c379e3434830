using ChatCloud.Contracts.Rooms;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// An account on this instance's web edge: one room member however many tabs it has open
/// (docs/web-realtime.md, "Identity and membership"). Guarded by <see cref="WebMembers"/>'s lock.
/// </summary>
internal sealed class WebMember(Guid accountId, string account, string nick, string edge)
{
    public Guid AccountId { get; } = accountId;

    public string Account { get; } = account;

    public string Nick { get; } = nick;

    /// <summary>The tabs connected now.</summary>
    public HashSet<WebConnection> Connections { get; } = [];

    /// <summary>The rooms it is in, folded name to name.</summary>
    public Dictionary<string, string> Rooms { get; } = new(StringComparer.Ordinal);

    /// <summary>Cancels the quit scheduled when the last tab closed, if a tab comes back in time.</summary>
    public CancellationTokenSource? PendingQuit { get; set; }

    /// <summary>How the authority and every IRC client see it: <c>nick!account@web</c>.</summary>
    public RoomActor Actor => new(Nick, User, WebMembers.Host, AccountId, edge, AccountId.ToString("N"), Account);

    /// <summary>An IRC user name is at most 10 characters here, like the TCP edge's (USERLEN).</summary>
    private string User => Account.Length <= 10 ? Account : Account[..10];
}
