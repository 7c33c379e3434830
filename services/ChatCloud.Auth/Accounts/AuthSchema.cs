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
        CREATE INDEX IF NOT EXISTS accounts_admins ON auth.accounts (created_at) WHERE 'admin' = ANY (roles);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
