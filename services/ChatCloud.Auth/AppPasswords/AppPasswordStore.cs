using System.Security.Cryptography;
using System.Text;
using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace ChatCloud.Auth.AppPasswords;

public sealed record AppPassword(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// App passwords (issue 4): random secrets for IRC clients without OAUTHBEARER, shown once, stored
/// as SHA-256. 192 random bits need no slow hash: nobody can guess one, so a fast hash of the
/// stolen table gives nothing away (unlike a human password, which Argon2id protects).
/// </summary>
public sealed class AppPasswordStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxPerAccount = 20;
    public const int MaxNameLength = 64;

    /// <summary>Creates one and answers it with its secret, or null when the account has <see cref="MaxPerAccount"/> already.</summary>
    public async Task<(AppPassword Password, string Secret)?> CreateAsync(Guid accountId, string name, CancellationToken cancellationToken)
    {
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        var created = new AppPassword(Guid.CreateVersion7(), name, time.GetUtcNow(), null);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO auth.app_passwords (id, account_id, name, secret_hash, created_at)
            SELECT $1, $2, $3, $4, $5
            WHERE (SELECT count(*) FROM auth.app_passwords WHERE account_id = $2) < $6
            """);
        command.Parameters.AddWithValue(created.Id);
        command.Parameters.AddWithValue(accountId);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(Hash(secret));
        command.Parameters.AddWithValue(created.CreatedAt);
        command.Parameters.AddWithValue(MaxPerAccount);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? (created, secret) : null;
    }

    public async Task<IReadOnlyList<AppPassword>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, created_at, last_used_at FROM auth.app_passwords WHERE account_id = $1 ORDER BY created_at");
        command.Parameters.AddWithValue(accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<AppPassword>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AppPassword(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return list;
    }

    /// <summary>
    /// Deletes it and, in the same transaction, tells every edge (<see cref="AppPasswordRevoked"/>) to
    /// close the connections signed in with it: a revoked password that kept its live sessions would
    /// not be revoked for the stolen laptop it was revoked for.
    /// </summary>
    public async Task<bool> RevokeAsync(Guid accountId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM auth.app_passwords WHERE account_id = $1 AND id = $2", connection, transaction);
        command.Parameters.AddWithValue(accountId);
        command.Parameters.AddWithValue(id);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }
        await OutboxWriter.AddRangeAsync(connection, transaction, [new AppPasswordRevoked(accountId, id) { OccurredAt = time.GetUtcNow() }], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The id of the account's app password <paramref name="secret"/> is, or null; marks it used.</summary>
    public async Task<Guid?> VerifyAsync(Guid accountId, string secret, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE auth.app_passwords SET last_used_at = $3 WHERE account_id = $1 AND secret_hash = $2 RETURNING id");
        command.Parameters.AddWithValue(accountId);
        command.Parameters.AddWithValue(Hash(secret));
        command.Parameters.AddWithValue(time.GetUtcNow());
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
