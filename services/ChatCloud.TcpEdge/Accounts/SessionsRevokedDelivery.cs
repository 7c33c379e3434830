using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// Every edge hears <c>auth.account-sessions-revoked.v1</c> (a broadcast subscription) and closes
/// the account's connections here: sign-out everywhere, a password change and deletion end live
/// TCP sessions too (docs/security.md, "Long-lived TCP sessions"). The client sees
/// <c>ERROR :Closing Link: host (Signed out)</c>, the reason the auth service gave. A connection
/// still between SASL and the end of registration is closed too: it has an account already.
/// </summary>
public sealed class SessionsRevokedDelivery(IrcServer server) : IEventHandler<AccountSessionsRevoked>
{
    public Task HandleAsync(AccountSessionsRevoked revoked, EventContext context, CancellationToken cancellationToken)
    {
        foreach (var session in server.OpenSessions)
        {
            if (session.Account?.Id == revoked.AccountId)
            {
                session.Close(revoked.Reason);
            }
        }
        return Task.CompletedTask;
    }
}
