using Npgsql;

namespace ChatCloud.Analytics.Replay;

internal static class Sql
{
    /// <summary>One statement in the fold's transaction, with positional parameters.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds to one column of a day's row of <paramref name="table"/>; table and column are constants of the caller, never input.</summary>
    public static Task AddToDayAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, DateTimeOffset at, string column, object amount,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction,
            $"INSERT INTO analytics.{table} (day, {column}) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET {column} = {table}.{column} + EXCLUDED.{column}",
            cancellationToken, DateOnly.FromDateTime(at.UtcDateTime), amount);

    public static Task MarkActiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset at, Guid? account, CancellationToken cancellationToken) =>
        ForgottenAccount.IsKnown(account)
            ? ExecuteAsync(connection, transaction, "INSERT INTO analytics.active_accounts (day, account) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                cancellationToken, DateOnly.FromDateTime(at.UtcDateTime), account!.Value)
            : Task.CompletedTask;
}
