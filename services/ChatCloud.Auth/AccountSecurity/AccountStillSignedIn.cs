using ChatCloud.Auth.Accounts;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ChatCloud.Auth.AccountSecurity;

/// <summary>
/// An access token to this service's own API is refused once its account is gone or disabled, or
/// was signed out everywhere (or changed its password) after the token was issued: a JWT alone
/// would stay good for its whole lifetime. <c>iat</c> has whole seconds, so a token issued in the
/// second of a sign-out is refused too; its client refreshes (if its session was kept) and goes on.
/// </summary>
public sealed class AccountStillSignedIn(AccountStore accounts) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<AccountStillSignedIn>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateAuthorizationEntry.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not { } principal || context.IsRejected)
        {
            return;
        }
        var account = Guid.TryParse(principal.FindFirst(Claims.Subject)?.Value, out var id)
            ? await accounts.FindCredentialsByIdAsync(id, context.CancellationToken)
            : null;
        var issued = OpenIddict.Abstractions.OpenIddictExtensions.GetCreationDate(principal);
        if (account is null || account.Disabled
            || (account.SessionsRevokedAt is { } revokedAt && (issued is not { } at || at < revokedAt)))
        {
            context.Reject(Errors.InvalidToken, "The token's account signed out, or no longer exists.");
        }
    }
}
