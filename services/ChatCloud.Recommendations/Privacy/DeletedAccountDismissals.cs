using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using ChatCloud.Recommendations.Api;

namespace ChatCloud.Recommendations.Privacy;

/// <summary>
/// <c>auth.account-deleted.v1</c>: the recommendations service forgets what the deleted account
/// dismissed, and others' dismissals of it as a person (docs/privacy.md). Idempotent: a redelivery
/// deletes nothing more.
/// </summary>
public sealed class DeletedAccountDismissals(DismissalStore dismissals) : IEventHandler<AccountDeleted>
{
    public Task HandleAsync(AccountDeleted deleted, EventContext context, CancellationToken cancellationToken) =>
        // Dismissals are keyed by the token's sub, which is the account id (built-in provider).
        dismissals.ForgetAccountAsync(deleted.AccountId.ToString(), cancellationToken);
}
