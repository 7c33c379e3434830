using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace ChatCloud.Auth.OpenId;

/// <summary>Where the provider's keys are kept; one decision about new keys at a time across every replica.</summary>
public interface IOidcKeyStore
{
    /// <summary>
    /// Reads every key, adds the keys <paramref name="toAdd"/> makes from them (under a lock, so
    /// replicas reloading together do not each add one) and returns the keys after the addition.
    /// </summary>
    IReadOnlyList<StoredKey> ReadAndAdd(Func<IReadOnlyList<StoredKey>, IReadOnlyList<StoredKey>> toAdd);
}

/// <summary>
/// <c>auth.oidc_keys</c>: RSA keys made by whichever replica first finds one due, shared by every
/// replica and kept across restarts, so tokens outlive a restart.
/// </summary>
/// <remarks>
/// Synchronous on purpose: OpenIddict reads its keys while its options are built, which is not async.
/// </remarks>
public sealed class PostgresOidcKeyStore(NpgsqlDataSource dataSource) : IOidcKeyStore
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS auth;
        CREATE TABLE IF NOT EXISTS auth.oidc_keys (
            id           text PRIMARY KEY,
            use          text NOT NULL CHECK (use IN ('sig', 'enc')),
            private_key  text NOT NULL,
            created_at   timestamptz NOT NULL,
            activates_at timestamptz NOT NULL
        );
        """;

    public IReadOnlyList<StoredKey> ReadAndAdd(Func<IReadOnlyList<StoredKey>, IReadOnlyList<StoredKey>> toAdd)
    {
        using var connection = dataSource.OpenConnection();
        using (var ddl = new NpgsqlCommand(Ddl, connection))
        {
            ddl.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('chatcloud.auth.oidc_keys'))", connection, transaction))
        {
            lockCommand.ExecuteNonQuery();
        }
        var keys = Read(connection, transaction);
        foreach (var key in toAdd(keys))
        {
            Insert(connection, transaction, key);
            keys.Add(key);
        }
        transaction.Commit();
        return keys;
    }

    /// <summary>A new RSA key (2048 bits) with a random id, which becomes its <c>kid</c>.</summary>
    public static StoredKey Create(KeyUse use, DateTimeOffset now, DateTimeOffset activatesAt)
    {
        using var rsa = RSA.Create(2048);
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        return new StoredKey(id, use, rsa.ExportPkcs8PrivateKeyPem(), now, activatesAt);
    }

    private static List<StoredKey> Read(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand("SELECT id, use, private_key, created_at, activates_at FROM auth.oidc_keys", connection, transaction);
        using var reader = command.ExecuteReader();
        var keys = new List<StoredKey>();
        while (reader.Read())
        {
            var use = reader.GetString(1) == "sig" ? KeyUse.Signing : KeyUse.Encryption;
            keys.Add(new StoredKey(reader.GetString(0), use, reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return keys;
    }

    private static void Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredKey key)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO auth.oidc_keys (id, use, private_key, created_at, activates_at) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
        command.Parameters.AddWithValue(key.Id);
        command.Parameters.AddWithValue(key.Use == KeyUse.Signing ? "sig" : "enc");
        command.Parameters.AddWithValue(key.PrivateKeyPem);
        command.Parameters.AddWithValue(key.CreatedAt);
        command.Parameters.AddWithValue(key.ActivatesAt);
        command.ExecuteNonQuery();
    }
}
