using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// Sign-out everywhere, a password change or a deletion ends the account's web tabs here as it ends
/// its TCP connections on every edge (<c>auth.account-sessions-revoked.v1</c>, a broadcast
/// subscription per instance; docs/security.md, "Long-lived TCP sessions"): a tab's connection
/// outlives its 10-minute token, so the token's expiry alone would not end it.
/// </summary>
internal sealed class WebSessionsRevoked(WebMembers members) : IEventHandler<AccountSessionsRevoked>
{
    public Task HandleAsync(AccountSessionsRevoked revoked, EventContext context, CancellationToken cancellationToken) =>
        members.RevokeAsync(revoked.AccountId, revoked.Reason);
}
