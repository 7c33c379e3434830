using Npgsql;

namespace ChatCloud.Messaging;

/// <summary>
/// The <c>messaging</c> schema: the outbox the relay drains and the inbox handlers deduplicate
/// with. Created by the relay and the consumers on start, so services need not call this.
/// </summary>
public static class MessagingSchema
{
    // position is the order the relay publishes in: taken at insert, so a room's events, whose
    // writers serialise on the room's row lock, get positions in the order they commit. (The
    // transaction's start time, created_at, is not that order: a writer that started first may
    // wait for the lock and commit second.) It is the key: the relay reads and deletes by it.
    // traceparent/tracestate carry the writer's trace context to the relay's publish; routing_key
    // is where the exchange sends it (null in rows written before it existed: their event name).
    //
    // The table holds only what is not yet published: the relay deletes each row the broker
    // confirmed. (Until 2026-11-26 it marked rows published_at and kept them a week; at thousands of
    // messages a second that was millions of rows, a second tuple written per mark, and a uuid index
    // besides the position one. The DO block removes the kept rows and the column once.) A table
    // that churns this fast is vacuumed by count, not by a fraction of its size, and never
    // truncated: a vacuum cutting its empty tail waits for an exclusive lock that every insert,
    // look and delete then queues behind (measured: looks and deletes stalled up to 1.7 s).
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(hashtext('chatcloud.messaging.schema'));
        CREATE SCHEMA IF NOT EXISTS messaging;
        CREATE TABLE IF NOT EXISTS messaging.outbox (
            position bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT outbox_position_pkey PRIMARY KEY,
            id uuid NOT NULL,
            event_name text NOT NULL,
            payload jsonb NOT NULL,
            occurred_at timestamptz NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            traceparent text NULL,
            tracestate text NULL,
            routing_key text NULL
        );
        ALTER TABLE messaging.outbox ADD COLUMN IF NOT EXISTS position bigint GENERATED ALWAYS AS IDENTITY;
        ALTER TABLE messaging.outbox ADD COLUMN IF NOT EXISTS routing_key text NULL;
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = 'messaging' AND table_name = 'outbox' AND column_name = 'published_at') THEN
                DELETE FROM messaging.outbox WHERE published_at IS NOT NULL;
                ALTER TABLE messaging.outbox DROP COLUMN published_at;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'outbox_position_pkey' AND conrelid = 'messaging.outbox'::regclass) THEN
                ALTER TABLE messaging.outbox DROP CONSTRAINT IF EXISTS outbox_pkey;
                ALTER TABLE messaging.outbox ADD CONSTRAINT outbox_position_pkey PRIMARY KEY (position);
            END IF;
        END $$;
        DROP INDEX IF EXISTS messaging.outbox_unpublished;
        DROP INDEX IF EXISTS messaging.outbox_unpublished_position;
        ALTER TABLE messaging.outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, vacuum_truncate = false);
        CREATE TABLE IF NOT EXISTS messaging.inbox (
            consumer text NOT NULL,
            event_id uuid NOT NULL,
            handled_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (consumer, event_id)
        );
        """;

    /// <summary>Idempotent. Services starting together serialise on an advisory lock, because
    /// concurrent <c>CREATE ... IF NOT EXISTS</c> can still fail on the catalogue's unique indexes.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
