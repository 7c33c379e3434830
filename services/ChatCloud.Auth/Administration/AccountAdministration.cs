using ChatCloud.Auth.Accounts;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Auth.Administration;

public enum AdministrationOutcome
{
    Done,
    NotFound,

    /// <summary>The change would leave no active administrator: nobody could undo it.</summary>
    LastAdministrator,
}

/// <summary>
/// What an administrator does to someone else's account beyond granting a role: take a role away,
/// disable the account (it can no longer sign in, and its live sessions end at once, through the
/// same <see cref="AccountSessionsRevoked"/> that sign-out everywhere sends), enable it again.
/// Changes that touch who is an administrator take one advisory lock, so two administrators demoting
/// each other at the same moment cannot both succeed and leave nobody in charge.
/// </summary>
public sealed class AccountAdministration(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string DisabledReason = "Account disabled";

    // Any constant: the lock only orders administrators' changes among themselves.
    private const long AdministratorsLock = 0x4368_6174_4164_6d6e;

    public Task<AdministrationOutcome> RevokeRoleAsync(Guid id, string role, CancellationToken cancellationToken) =>
        ChangeAsync(id, guardAdministrators: role == Roles.Admin,
            "UPDATE auth.accounts SET roles = array_remove(roles, $2) WHERE id = $1", [id, role], events: [], cancellationToken);

    public Task<AdministrationOutcome> DisableAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A second disable changes nothing and ends nothing: the first one already did.
        return ChangeAsync(id, guardAdministrators: true,
            "UPDATE auth.accounts SET disabled_at = COALESCE(disabled_at, $2), sessions_revoked_at = CASE WHEN disabled_at IS NULL THEN $2 ELSE sessions_revoked_at END WHERE id = $1",
            [id, now], [new AccountSessionsRevoked(id, DisabledReason) { OccurredAt = now }], cancellationToken);
    }

    public Task<AdministrationOutcome> EnableAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, guardAdministrators: false, "UPDATE auth.accounts SET disabled_at = NULL WHERE id = $1", [id], events: [], cancellationToken);

    private async Task<AdministrationOutcome> ChangeAsync(
        Guid id, bool guardAdministrators, string sql, object[] parameters, IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (guardAdministrators)
        {
            await using var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
            lockCommand.Parameters.AddWithValue(AdministratorsLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        bool wasActive;
        await using (var before = new NpgsqlCommand("SELECT disabled_at IS NULL FROM auth.accounts WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            before.Parameters.AddWithValue(id);
            if (await before.ExecuteScalarAsync(cancellationToken) is not bool active)
            {
                return AdministrationOutcome.NotFound;
            }
            wasActive = active;
        }
        await using (var change = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var parameter in parameters)
            {
                change.Parameters.AddWithValue(parameter);
            }
            await change.ExecuteNonQueryAsync(cancellationToken);
        }
        if (guardAdministrators)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM auth.accounts WHERE 'admin' = ANY (roles) AND disabled_at IS NULL", connection, transaction);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return AdministrationOutcome.LastAdministrator;
            }
        }
        if (wasActive && events.Count > 0)
        {
            await OutboxWriter.AddRangeAsync(connection, transaction, events, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return AdministrationOutcome.Done;
    }
}
