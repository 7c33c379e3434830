using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// The provider's RSA keys in PostgreSQL (<c>auth.oidc_keys</c>): made on first start, shared by
/// every replica and kept across restarts, so tokens outlive a restart. Rotation is decided by
/// <see cref="KeyRingPlan"/> when a replica starts; docs/security.md says what that implies.
/// </summary>
public sealed partial class OidcKeyRing(NpgsqlDataSource dataSource, TimeProvider timeProvider, IOptions<OidcOptions> options, ILogger<OidcKeyRing> logger)
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

    /// <summary>
    /// Synchronous on purpose: OpenIddict reads its keys while its options are built, which is not
    /// async. It runs once per replica, before the first request is served.
    /// </summary>
    public (KeySelection Signing, KeySelection Encryption) Load()
    {
        var now = timeProvider.GetUtcNow();
        var config = options.Value;
        using var connection = dataSource.OpenConnection();
        using (var ddl = new NpgsqlCommand(Ddl, connection))
        {
            ddl.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        // Replicas starting together must not each make a key: one decides at a time.
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('chatcloud.auth.oidc_keys'))", connection, transaction))
        {
            lockCommand.ExecuteNonQuery();
        }
        var keys = Read(connection, transaction);
        foreach (var use in new[] { KeyUse.Signing, KeyUse.Encryption })
        {
            var ofUse = keys.Where(key => key.Use == use).ToList();
            if (KeyRingPlan.NextKeyActivation(ofUse, now, config.Keys) is { } activatesAt)
            {
                var key = Create(use, now, activatesAt);
                Insert(connection, transaction, key);
                keys.Add(key);
                LogCreated(logger, use, key.Id, activatesAt);
            }
        }
        transaction.Commit();
        return (
            KeyRingPlan.Select(keys.Where(key => key.Use == KeyUse.Signing).ToList(), now, config.Keys.RetainAfterRotation),
            // Encrypted codes and refresh tokens must stay readable for a refresh token's whole life.
            KeyRingPlan.Select(keys.Where(key => key.Use == KeyUse.Encryption).ToList(), now, config.RefreshTokenLifetime));
    }

    public static RsaSecurityKey ToSecurityKey(StoredKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = key.Id };
    }

    private static StoredKey Create(KeyUse use, DateTimeOffset now, DateTimeOffset activatesAt)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Created OpenID Connect {Use} key {KeyId}, active from {ActivatesAt}")]
    private static partial void LogCreated(ILogger logger, KeyUse use, string keyId, DateTimeOffset activatesAt);
}
