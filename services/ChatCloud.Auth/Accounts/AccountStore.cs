using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Auth.Accounts;

public sealed record Account(Guid Id, string Name, string DisplayName, string? Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

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
    public async Task<Account?> TryCreateAsync(string name, string displayName, string passwordHash, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var account = new Account(Guid.CreateVersion7(), name, displayName, Email: null, roles, timeProvider.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO auth.accounts (id, name, name_folded, display_name, password_hash, roles, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (name_folded) DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue(account.Id);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(AccountName.Fold(name));
        command.Parameters.AddWithValue(displayName);
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

    public async Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM auth.accounts WHERE 'admin' = ANY (roles) AND disabled_at IS NULL)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
