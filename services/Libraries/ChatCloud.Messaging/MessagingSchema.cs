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
    // wait for the lock and commit second.) The partial index keeps finding the unpublished rows
    // cheap however many published ones remain. traceparent/tracestate carry the writer's trace
    // context to the relay's publish; routing_key is where the exchange sends it (null in rows
    // written before it existed: their event name).
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(hashtext('chatcloud.messaging.schema'));
        CREATE SCHEMA IF NOT EXISTS messaging;
        CREATE TABLE IF NOT EXISTS messaging.outbox (
            id uuid PRIMARY KEY,
            event_name text NOT NULL,
            payload jsonb NOT NULL,
            occurred_at timestamptz NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            published_at timestamptz NULL,
            traceparent text NULL,
            tracestate text NULL
        );
        ALTER TABLE messaging.outbox ADD COLUMN IF NOT EXISTS position bigint GENERATED ALWAYS AS IDENTITY;
        ALTER TABLE messaging.outbox ADD COLUMN IF NOT EXISTS routing_key text NULL;
        DROP INDEX IF EXISTS messaging.outbox_unpublished;
        CREATE INDEX IF NOT EXISTS outbox_unpublished_position ON messaging.outbox (position) WHERE published_at IS NULL;
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
