using ChatCloud.Contracts;
using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Auth.Accounts;

/// <summary>What the account's owner had on file, for the data export.</summary>
public sealed record AccountProfile(Guid Id, string Name, string DisplayName, string? Email, string[] Roles, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt);

/// <summary>
/// Changes that end an account's sessions: each writes its row and, in the same transaction, the
/// events every TCP edge acts on (<see cref="AccountSessionsRevoked"/>), so a committed password
/// change always disconnects, and a rolled-back one never does.
/// </summary>
public sealed class AccountChanges(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string SignedOut = "Signed out";
    public const string PasswordChanged = "Password changed";
    public const string Deleted = "Account deleted";

    public Task ChangePasswordAsync(Guid id, string passwordHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return WriteAsync("UPDATE auth.accounts SET password_hash = $2, sessions_revoked_at = $3 WHERE id = $1",
            [id, passwordHash, now], [new AccountSessionsRevoked(id, PasswordChanged) { OccurredAt = now }], cancellationToken);
    }

    public Task RevokeSessionsAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return WriteAsync("UPDATE auth.accounts SET sessions_revoked_at = $2 WHERE id = $1",
            [id, now], [new AccountSessionsRevoked(id, SignedOut) { OccurredAt = now }], cancellationToken);
    }

    /// <summary>Deletes the row (its app passwords go with it) and tells the others to forget the account.</summary>
    public Task DeleteAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return WriteAsync("DELETE FROM auth.accounts WHERE id = $1", [id],
            [
                new AccountSessionsRevoked(id, Deleted) { OccurredAt = now },
                new AccountDeleted(id, name, Tombstone(id)) { OccurredAt = now },
            ], cancellationToken);
    }

    /// <summary>The name left in place of a deleted author: short, stable for one account, no longer a person's (docs/privacy.md).</summary>
    public static string Tombstone(Guid id) => AccountName.TombstonePrefix + id.ToString("N")[^8..];

    public async Task<AccountProfile?> ProfileAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, display_name, email, roles, created_at, last_seen_at FROM auth.accounts WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new AccountProfile(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetFieldValue<string[]>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }

    private async Task WriteAsync(string sql, object[] parameters, IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.AddWithValue(parameter);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await OutboxWriter.AddRangeAsync(connection, transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
