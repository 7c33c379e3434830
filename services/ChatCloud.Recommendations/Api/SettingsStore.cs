using Npgsql;

namespace ChatCloud.Recommendations.Api;

/// <summary>An account's recommendation settings; today the one switch, personalisation (issue 7: "an opt-out of personalisation in settings").</summary>
public sealed record RecommendationSettings(bool Personalised);

/// <summary>
/// Settings in <c>recommendations.settings</c> of <c>chatdb</c>. An account without a row has the
/// defaults (personalised), so only those who changed something have a row.
/// </summary>
public sealed class SettingsStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly RecommendationSettings Defaults = new(Personalised: true);

    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS recommendations;
        CREATE TABLE IF NOT EXISTS recommendations.settings (
            account       text PRIMARY KEY,
            personalised  boolean NOT NULL,
            updated_at    timestamptz NOT NULL
        );
        """;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RecommendationSettings> GetAsync(string account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT personalised FROM recommendations.settings WHERE account = $1");
        command.Parameters.Add(new() { Value = account });
        return await command.ExecuteScalarAsync(cancellationToken) is bool personalised ? new RecommendationSettings(personalised) : Defaults;
    }

    public async Task SetAsync(string account, RecommendationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO recommendations.settings (account, personalised, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (account) DO UPDATE SET personalised = EXCLUDED.personalised, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = settings.Personalised });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(string account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM recommendations.settings WHERE account = $1");
        command.Parameters.Add(new() { Value = account });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
