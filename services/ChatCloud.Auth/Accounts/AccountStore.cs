using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Auth.Accounts;

public sealed record Account(Guid Id, string Name, string DisplayName, string? Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

/// <summary>
/// An account's sign-in data; the hash never leaves the auth service. <see cref="SessionsRevokedAt"/>:
/// the last sign-out everywhere or password change; sign-in sessions older than it are void.
/// </summary>
public sealed record StoredCredentials(Guid Id, string Name, string[] Roles, string PasswordHash, bool Disabled, DateTimeOffset? SessionsRevokedAt = null);

public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";
}

/// <summary>Accounts in PostgreSQL. Names are unique by their folded form.</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>
    /// Creates the account and, in the same transaction, the <see cref="AccountCreated"/> event in the
    /// outbox; returns null (and publishes nothing) when the name is taken.
    /// </summary>
    public async Task<Account?> TryCreateAsync(string name, string displayName, string passwordHash, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        await TryCreateAsync(name, displayName, email: null, passwordHash, roles, cancellationToken);

    /// <inheritdoc cref="TryCreateAsync(string, string, string, IReadOnlyList{string}, CancellationToken)"/>
    public async Task<Account?> TryCreateAsync(string name, string displayName, string? email, string passwordHash, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var account = new Account(Guid.CreateVersion7(), name, displayName, email, roles, timeProvider.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO auth.accounts (id, name, name_folded, display_name, email, password_hash, roles, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (name_folded) DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue(account.Id);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(AccountName.Fold(name));
        command.Parameters.AddWithValue(displayName);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = email, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(passwordHash);
        command.Parameters.AddWithValue(roles.ToArray());
        command.Parameters.AddWithValue(account.CreatedAt);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return null;
        }
        var created = new AccountCreated(account.Id, account.Name, [.. account.Roles]) { OccurredAt = account.CreatedAt };
        await OutboxWriter.AddAsync(connection, transaction, created, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return account;
    }

    /// <summary>What signing in needs to know about an account, found by its name under the rfc1459 fold.</summary>
    public async Task<StoredCredentials?> FindCredentialsAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, roles, password_hash, disabled_at IS NOT NULL, sessions_revoked_at FROM auth.accounts WHERE name_folded = $1");
        command.Parameters.AddWithValue(AccountName.Fold(name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return Read(reader);
    }

    /// <summary>The account a token's <c>sub</c> names, or null; the token endpoint re-reads it at every refresh.</summary>
    public async Task<StoredCredentials?> FindCredentialsByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, roles, password_hash, disabled_at IS NOT NULL, sessions_revoked_at FROM auth.accounts WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return Read(reader);
    }

    private static StoredCredentials Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetBoolean(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));

    /// <summary>Replaces a hash made at a lower cost than configured now; the caller has just verified the password.</summary>
    public async Task UpdatePasswordHashAsync(Guid id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE auth.accounts SET password_hash = $2 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(passwordHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM auth.accounts WHERE 'admin' = ANY (roles) AND disabled_at IS NULL)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
