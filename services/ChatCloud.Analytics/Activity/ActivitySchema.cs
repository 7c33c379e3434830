using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>
/// The analytics service's aggregates in <c>chatdb</c>, schema <c>analytics</c>, by time bucket. No
/// message text is kept, only counts and lengths; the account ids of <c>active_accounts</c> are the
/// only personal data, and go when the account is deleted (docs/privacy.md).
/// </summary>
public static class ActivitySchema
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS analytics;
        CREATE TABLE IF NOT EXISTS analytics.room_hours (
            room        text NOT NULL,
            hour        timestamptz NOT NULL,
            messages    bigint NOT NULL DEFAULT 0,
            characters  bigint NOT NULL DEFAULT 0,
            joins       bigint NOT NULL DEFAULT 0,
            parts       bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (room, hour)
        );
        CREATE INDEX IF NOT EXISTS room_hours_by_hour ON analytics.room_hours (hour);
        CREATE TABLE IF NOT EXISTS analytics.active_accounts (
            day      date NOT NULL,
            account  uuid NOT NULL,
            PRIMARY KEY (day, account)
        );
        CREATE TABLE IF NOT EXISTS analytics.days (
            day              date PRIMARY KEY,
            new_accounts     bigint NOT NULL DEFAULT 0,
            direct_messages  bigint NOT NULL DEFAULT 0
        );
        ALTER TABLE analytics.days ADD COLUMN IF NOT EXISTS tcp_sign_ins bigint NOT NULL DEFAULT 0;
        ALTER TABLE analytics.days ADD COLUMN IF NOT EXISTS web_sign_ins bigint NOT NULL DEFAULT 0;
        CREATE TABLE IF NOT EXISTS analytics.search_hours (
            hour      timestamptz NOT NULL,
            scope     text NOT NULL,
            searches  bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (hour, scope)
        );
        CREATE TABLE IF NOT EXISTS analytics.read_hours (
            hour          timestamptz PRIMARY KEY,
            room_reads    bigint NOT NULL DEFAULT 0,
            direct_reads  bigint NOT NULL DEFAULT 0
        );
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await MessagingSchema.EnsureAsync(dataSource, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Replicas starting together: CREATE … IF NOT EXISTS alone can still collide on the catalog.
        await using (var gate = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('chatcloud.analytics.schema'))", connection, transaction))
        {
            await gate.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var ddl = new NpgsqlCommand(Ddl + Recommender.RecommenderSchema.Ddl + Replay.EventLog.Ddl, connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Creates the schema before the consumers start (hosted services start in registration order).</summary>
public sealed class ActivitySchemaInitializer(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ActivitySchema.EnsureAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
