using System.Runtime.CompilerServices;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.AccountSecurity;

/// <summary>One sign-in of the account: an OpenIddict authorization and the refresh-token chain under it.</summary>
public sealed record AccountSession(string Id, string? Client, DateTimeOffset? CreatedAt, DateTimeOffset? LastUsedAt, bool Current);

/// <summary>
/// The account's sessions as OpenIddict stores them: an authorization per sign-in (the code flow
/// makes one), its tokens (each refresh adds one). Revoking an authorization revokes its tokens, so
/// its refresh token gets <c>invalid_grant</c> and its access tokens fail at this service's API.
/// </summary>
public sealed class AccountSessions(
    IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, IOpenIddictApplicationManager applications)
{
    public async IAsyncEnumerable<AccountSession> ListAsync(Guid accountId, string? currentSessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var authorization in authorizations.FindBySubjectAsync(accountId.ToString(), cancellationToken))
        {
            if (await authorizations.GetStatusAsync(authorization, cancellationToken) != Statuses.Valid)
            {
                continue;
            }
            var id = (await authorizations.GetIdAsync(authorization, cancellationToken))!;
            DateTimeOffset? lastUsed = null;
            await foreach (var token in tokens.FindByAuthorizationIdAsync(id, cancellationToken))
            {
                var created = await tokens.GetCreationDateAsync(token, cancellationToken);
                lastUsed = created > lastUsed || lastUsed is null ? created : lastUsed;
            }
            var applicationId = await authorizations.GetApplicationIdAsync(authorization, cancellationToken);
            var application = applicationId is null ? null : await applications.FindByIdAsync(applicationId, cancellationToken);
            var client = application is null ? null : await applications.GetClientIdAsync(application, cancellationToken);
            yield return new AccountSession(id, client, await authorizations.GetCreationDateAsync(authorization, cancellationToken), lastUsed,
                string.Equals(id, currentSessionId, StringComparison.Ordinal));
        }
    }

    /// <summary>Revokes one session of the account; false when it has no such session.</summary>
    public async Task<bool> RevokeAsync(Guid accountId, string sessionId, CancellationToken cancellationToken)
    {
        var authorization = await authorizations.FindByIdAsync(sessionId, cancellationToken);
        if (authorization is null || await authorizations.GetSubjectAsync(authorization, cancellationToken) != accountId.ToString())
        {
            return false;
        }
        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(sessionId, cancellationToken);
        return true;
    }

    /// <summary>Revokes every session of the account but <paramref name="keepSessionId"/> (the caller's, after a password change).</summary>
    public async Task RevokeAllAsync(Guid accountId, string? keepSessionId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(accountId.ToString(), cancellationToken))
        {
            ids.Add((await authorizations.GetIdAsync(authorization, cancellationToken))!);
        }
        foreach (var id in ids.Where(id => !string.Equals(id, keepSessionId, StringComparison.Ordinal)))
        {
            await RevokeAsync(accountId, id, cancellationToken);
        }
        if (keepSessionId is null)
        {
            // Tokens made without an authorization, if any ever are.
            await tokens.RevokeBySubjectAsync(accountId.ToString(), cancellationToken);
        }
    }
}
