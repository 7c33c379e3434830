using Npgsql;

namespace ChatCloud.Recommendations.Api;

/// <summary>What a user dismissed is never suggested to them again (issue 7).</summary>
public enum DismissedKind
{
    Room,
    Person,
}

/// <summary>
/// Dismissals in <c>recommendations.dismissals</c> of <c>chatdb</c>, the service's own schema.
/// An account may hold at most <see cref="MaxPerAccount"/>; that bound keeps every read small.
/// </summary>
public sealed class DismissalStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxPerAccount = 5000;

    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS recommendations;
        CREATE TABLE IF NOT EXISTS recommendations.dismissals (
            account       text NOT NULL,
            kind          text NOT NULL,
            target        text NOT NULL,
            dismissed_at  timestamptz NOT NULL,
            PRIMARY KEY (account, kind, target)
        );
        """;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>False when the account already has <see cref="MaxPerAccount"/> dismissals.</summary>
    public async Task<bool> AddAsync(string account, DismissedKind kind, string target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO recommendations.dismissals (account, kind, target, dismissed_at)
            SELECT $1, $2, $3, $4
            WHERE (SELECT count(*) FROM recommendations.dismissals WHERE account = $1) < $5
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = Name(kind) });
        command.Parameters.Add(new() { Value = target });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        command.Parameters.Add(new() { Value = MaxPerAccount });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 || await ContainsAsync(account, kind, target, cancellationToken);
    }

    public async Task<HashSet<string>> ListAsync(string account, DismissedKind kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT target FROM recommendations.dismissals WHERE account = $1 AND kind = $2 LIMIT $3");
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = Name(kind) });
        command.Parameters.Add(new() { Value = MaxPerAccount });
        var targets = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(reader.GetString(0));
        }
        return targets;
    }

    private async Task<bool> ContainsAsync(string account, DismissedKind kind, string target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT 1 FROM recommendations.dismissals WHERE account = $1 AND kind = $2 AND target = $3");
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = Name(kind) });
        command.Parameters.Add(new() { Value = target });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task DeleteAsync(string account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM recommendations.dismissals WHERE account = $1");
        command.Parameters.Add(new() { Value = account });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Name(DismissedKind kind) => kind == DismissedKind.Room ? "room" : "person";
}
