using Npgsql;

namespace ChatCloud.Auth.Accounts;

/// <summary>The auth service's tables, in its own schema of <c>chatdb</c>. Idempotent; run at start-up.</summary>
public static class AuthSchema
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS auth;
        CREATE TABLE IF NOT EXISTS auth.accounts (
            id            uuid PRIMARY KEY,
            name          text NOT NULL,
            name_folded   text NOT NULL UNIQUE,
            display_name  text NOT NULL,
            email         text NULL,
            password_hash text NOT NULL,
            roles         text[] NOT NULL DEFAULT '{user}',
            created_at    timestamptz NOT NULL,
            last_seen_at  timestamptz NULL,
            disabled_at   timestamptz NULL
        );
        ALTER TABLE auth.accounts ADD COLUMN IF NOT EXISTS sessions_revoked_at timestamptz NULL;
        CREATE INDEX IF NOT EXISTS accounts_admins ON auth.accounts (created_at) WHERE 'admin' = ANY (roles);
        CREATE TABLE IF NOT EXISTS auth.app_passwords (
            id           uuid PRIMARY KEY,
            account_id   uuid NOT NULL REFERENCES auth.accounts (id) ON DELETE CASCADE,
            name         text NOT NULL,
            secret_hash  bytea NOT NULL UNIQUE,
            created_at   timestamptz NOT NULL,
            last_used_at timestamptz NULL
        );
        CREATE INDEX IF NOT EXISTS app_passwords_account ON auth.app_passwords (account_id);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
