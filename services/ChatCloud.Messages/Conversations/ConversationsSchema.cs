using Npgsql;

namespace ChatCloud.Messages.Conversations;

/// <summary>
/// The read contract for direct messages: the view <c>messages.direct_history_v1</c>, the history
/// service's only way to them (docs/architecture.md, "Direct messages"). A conversation is a stream
/// row in <c>messages.rooms</c> whose name is its key (<see cref="Contracts.Messages.DirectConversation"/>,
/// never a room name); its messages are rows of <c>messages.messages</c> like a room's, with the
/// recipient's nick as their one argument. Idempotent; run at start-up after <see cref="Rooms.MessagesSchema"/>.
/// </summary>
public static class ConversationsSchema
{
    private const string Ddl = """
        CREATE OR REPLACE VIEW messages.direct_history_v1 AS
            SELECT r.name_folded                        AS conversation,
                   split_part(r.name_folded, ' ', 1)    AS party_a,
                   split_part(r.name_folded, ' ', 2)    AS party_b,
                   m.arguments ->> 0                    AS recipient,
                   m.sequence,
                   m.msgid,
                   m.author_account,
                   m.author_nick,
                   m.author_user,
                   m.author_host,
                   m.kind,
                   m.text,
                   m.client_tags,
                   m.server_time,
                   -- Appended (a view may gain columns at its end and stay v1): account-tag.
                   m.author_account_name
            FROM messages.messages m
            JOIN messages.rooms r ON r.id = m.room_id
            WHERE r.name_folded NOT LIKE '#%' AND m.kind IN ('PRIVMSG', 'NOTICE') AND m.redacted_at IS NULL;
        -- TARGETS finds a party's conversations by either end of the key.
        CREATE INDEX IF NOT EXISTS rooms_conversation_party_a ON messages.rooms (split_part(name_folded, ' ', 1)) WHERE name_folded NOT LIKE '#%';
        CREATE INDEX IF NOT EXISTS rooms_conversation_party_b ON messages.rooms (split_part(name_folded, ' ', 2)) WHERE name_folded NOT LIKE '#%';
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('messages.schema'))", connection, transaction))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var create = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
