using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Recommendations.EventHistory;

/// <summary>
/// The event history the model trains on (docs/ml.md, "Training data"): <c>recommendations.interactions</c>
/// of <c>chatdb</c>, one row per interaction the consumers heard on the bus, keyed by the event's id so
/// a redelivery or a replay of the stream adds nothing. A row of an account that opted out of
/// personalisation is refused in the insert itself (not only by the consumer's earlier look at the
/// setting), and opting out or deleting the account deletes its rows. Rows older than the retention
/// window are deleted by the retraining job (<see cref="EventInteractionSource"/>).
/// </summary>
public sealed class InteractionStore(NpgsqlDataSource dataSource)
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS recommendations;
        CREATE TABLE IF NOT EXISTS recommendations.interactions (
            event_id      uuid PRIMARY KEY,
            account       text NOT NULL,
            account_name  text,
            kind          text NOT NULL,
            target        text NOT NULL,
            weight        real NOT NULL,
            occurred_at   timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS interactions_account ON recommendations.interactions (account);
        CREATE INDEX IF NOT EXISTS interactions_occurred_at ON recommendations.interactions (occurred_at);
        CREATE INDEX IF NOT EXISTS interactions_direct_target ON recommendations.interactions (target) WHERE kind = 'direct';
        """;

    /// <summary>After <c>recommendations.settings</c>, which the insert consults.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>All rows in one statement (a consumer's batch is one round trip); answers how many were new.</summary>
    public async Task<int> AddAsync(IReadOnlyList<StoredInteraction> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }
        await using var command = dataSource.CreateCommand("""
            INSERT INTO recommendations.interactions (event_id, account, account_name, kind, target, weight, occurred_at)
            SELECT r.event_id, r.account, r.account_name, r.kind, r.target, r.weight, r.occurred_at
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::real[], $7::timestamptz[])
                AS r(event_id, account, account_name, kind, target, weight, occurred_at)
            WHERE NOT EXISTS (SELECT 1 FROM recommendations.settings s WHERE s.account = r.account AND NOT s.personalised)
            ON CONFLICT (event_id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = rows.Select(r => r.EventId).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Account).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.AccountName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Kind).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Target).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Weight).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.OccurredAt).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Everything the account did, and, given its (folded) name, every direct message written to it:
    /// the opt-out (its own rows) and account deletion (both; docs/privacy.md).
    /// </summary>
    public async Task ForgetAccountAsync(string account, string? foldedName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM recommendations.interactions WHERE account = $1 OR (kind = 'direct' AND target = $2)");
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = (object?)foldedName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the rows from before <paramref name="before"/>: the retention window; answers how many went.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM recommendations.interactions WHERE occurred_at < $1");
        command.Parameters.Add(new() { Value = before });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The rows since <paramref name="since"/> into <paramref name="builder"/>, summed per visit (account,
    /// kind, target, clock hour) by the database, so what crosses the wire grows with visits, not messages.
    /// </summary>
    public async Task ReadAsync(DateTimeOffset since, EventLogBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await using var command = dataSource.CreateCommand("""
            SELECT account, (array_agg(account_name ORDER BY occurred_at DESC) FILTER (WHERE account_name IS NOT NULL))[1], kind, target, sum(weight)::real, min(occurred_at)
            FROM recommendations.interactions
            WHERE occurred_at >= $1
            GROUP BY account, kind, target, date_trunc('hour', occurred_at AT TIME ZONE 'UTC')
            """);
        command.Parameters.Add(new() { Value = since });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            builder.Add(new StoredInteraction(Guid.Empty, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2), reader.GetString(3), reader.GetFloat(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
    }
}
