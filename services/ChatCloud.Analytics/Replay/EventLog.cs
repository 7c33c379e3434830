using System.Text.Json;
using Npgsql;

namespace ChatCloud.Analytics.Replay;

public sealed record EventLogEntry(Guid EventId, string Name, DateTimeOffset OccurredAt, Guid? Account, string Payload);

/// <summary>
/// The append-only log of what the aggregates were folded from (<c>analytics.event_log</c>): one row
/// per counted event, keyed by its id, written in the aggregate's transaction, kept for
/// <see cref="EventLogOptions.RetentionDays"/>. <c>event_log_state.incomplete_before</c> says from when
/// the log holds every counted event: null means since the beginning, so a rebuild loses nothing.
/// </summary>
public static class EventLog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>After the aggregates' tables: the state row notes, once, that aggregates existed before the log.</summary>
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS analytics.event_log (
            event_id     uuid PRIMARY KEY,
            name         text NOT NULL,
            occurred_at  timestamptz NOT NULL,
            account      uuid NULL,
            payload      jsonb NOT NULL
        );
        CREATE INDEX IF NOT EXISTS event_log_by_name ON analytics.event_log (name, occurred_at, event_id);
        CREATE INDEX IF NOT EXISTS event_log_by_time ON analytics.event_log (occurred_at);
        CREATE INDEX IF NOT EXISTS event_log_by_account ON analytics.event_log (account) WHERE account IS NOT NULL;
        CREATE TABLE IF NOT EXISTS analytics.event_log_state (
            only_row           boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            incomplete_before  timestamptz NULL
        );
        INSERT INTO analytics.event_log_state (incomplete_before)
        SELECT CASE WHEN EXISTS (SELECT 1 FROM analytics.days) OR EXISTS (SELECT 1 FROM analytics.room_hours)
                      OR EXISTS (SELECT 1 FROM analytics.recommender_days) OR EXISTS (SELECT 1 FROM analytics.connections)
                    THEN now() END
        ON CONFLICT DO NOTHING;
        """;

    /// <returns>The events appended now; one already in the log is not folded again.</returns>
    public static async Task<HashSet<Guid>> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<EventLogEntry> entries,
        CancellationToken cancellationToken)
    {
        HashSet<Guid> appended = [];
        if (entries.Count == 0)
        {
            return appended;
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO analytics.event_log (event_id, name, occurred_at, account, payload)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::jsonb[])
            ON CONFLICT DO NOTHING RETURNING event_id
            """, connection, transaction);
        command.Parameters.AddWithValue(entries.Select(e => e.EventId).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => e.Name).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => e.OccurredAt).ToArray());
        command.Parameters.AddWithValue(entries.Select(e => e.Account).ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Payload).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            appended.Add(reader.GetGuid(0));
        }
        return appended;
    }

    /// <summary>
    /// The deleted account's facts stay counted but under <see cref="ForgottenAccount.Id"/>, which the
    /// folds keep no per-account row for: a rebuild gives what the live forgetting left.
    /// </summary>
    public static async Task ForgetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid account, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE analytics.event_log SET account = NULL, payload = replace(payload::text, $1::text, $2::text)::jsonb WHERE account = $1
            """, connection, transaction);
        command.Parameters.AddWithValue(account);
        command.Parameters.AddWithValue(ForgottenAccount.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for every transaction that appended to the log to end, and holds off the next until
    /// <paramref name="transaction"/> ends (one rebuild at a time too): they append before they fold,
    /// so the aggregates are then exactly the fold of the log.
    /// </summary>
    public static async Task LockForRebuildAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("LOCK TABLE analytics.event_log IN SHARE ROW EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
