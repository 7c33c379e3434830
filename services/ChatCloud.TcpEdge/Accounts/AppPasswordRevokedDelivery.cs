using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// Every edge hears <c>auth.app-password-revoked.v1</c> (a broadcast subscription) and closes the
/// connections that signed in with that app password, and no other of the account's: revoking the
/// password of the irssi on a lost laptop ends that session, not the one on the desktop.
/// </summary>
public sealed class AppPasswordRevokedDelivery(IrcServer server) : IEventHandler<AppPasswordRevoked>
{
    public const string Reason = "App password revoked";

    public Task HandleAsync(AppPasswordRevoked revoked, EventContext context, CancellationToken cancellationToken)
    {
        foreach (var session in server.OpenSessions)
        {
            if (session.Account is { } account && account.Id == revoked.AccountId && account.AppPasswordId == revoked.AppPasswordId)
            {
                session.Close(Reason);
            }
        }
        return Task.CompletedTask;
    }
}
