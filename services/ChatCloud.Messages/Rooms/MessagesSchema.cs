using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// The messages service's tables in <c>chatdb</c>, schema <c>messages</c>, and the versioned view other
/// services read them through. Idempotent; run at start-up.
/// </summary>
/// <remarks>
/// <c>messages.history_v1</c> is the read contract with the history service (docs/architecture.md,
/// "The history read path"): it reads that view and nothing else, so these tables may change as long
/// as the view keeps its columns. A change that cannot keep them adds <c>history_v2</c> beside it.
/// <c>messages.history_v2</c> is that: the room's stream with its events (draft/event-playback) and
/// their arguments; the history service reads it now, and v1 stays for readers of the old contract.
/// <c>messages.room_access_v1</c> is its second contract: who may read a room's history.
/// </remarks>
public static class MessagesSchema
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS messages;
        CREATE TABLE IF NOT EXISTS messages.rooms (
            id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name           text NOT NULL,
            name_folded    text NOT NULL UNIQUE,
            created_at     timestamptz NOT NULL,
            last_sequence  bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS messages.messages (
            room_id         bigint NOT NULL REFERENCES messages.rooms (id),
            sequence        bigint NOT NULL,
            msgid           text NOT NULL UNIQUE,
            post_id         uuid NOT NULL UNIQUE,
            author_account  uuid NULL,
            author_nick     text NOT NULL,
            author_user     text NOT NULL,
            author_host     text NOT NULL,
            kind            text NOT NULL,
            text            text NOT NULL,
            client_tags     jsonb NULL,
            server_time     timestamptz NOT NULL,
            PRIMARY KEY (room_id, sequence)
        );

        -- Room state: the authority every edge's replica follows (docs/architecture.md).
        ALTER TABLE messages.messages ADD COLUMN IF NOT EXISTS arguments jsonb NULL;
        ALTER TABLE messages.rooms ADD COLUMN IF NOT EXISTS modes text NOT NULL DEFAULT 'nt';
        ALTER TABLE messages.rooms ADD COLUMN IF NOT EXISTS key text NULL;
        ALTER TABLE messages.rooms ADD COLUMN IF NOT EXISTS user_limit integer NULL;
        ALTER TABLE messages.rooms ADD COLUMN IF NOT EXISTS topic text NULL;
        ALTER TABLE messages.rooms ADD COLUMN IF NOT EXISTS topic_set_by text NULL;
        ALTER TABLE messages.rooms ADD COLUMN IF NOT EXISTS topic_set_at timestamptz NULL;
        CREATE TABLE IF NOT EXISTS messages.members (
            room_id      bigint NOT NULL REFERENCES messages.rooms (id),
            nick_folded  text NOT NULL,
            nick         text NOT NULL,
            user_name    text NOT NULL,
            host         text NOT NULL,
            account      uuid NULL,
            prefixes     text NOT NULL DEFAULT '',
            edge         text NOT NULL,
            session      text NOT NULL,
            joined_at    timestamptz NOT NULL,
            PRIMARY KEY (room_id, nick_folded)
        );
        CREATE INDEX IF NOT EXISTS members_by_edge ON messages.members (edge);
        ALTER TABLE messages.members ADD COLUMN IF NOT EXISTS account_name text NULL;
        CREATE TABLE IF NOT EXISTS messages.bans (
            room_id  bigint NOT NULL REFERENCES messages.rooms (id),
            mask     text NOT NULL,
            set_by   text NOT NULL,
            set_at   timestamptz NOT NULL,
            PRIMARY KEY (room_id, mask)
        );
        CREATE TABLE IF NOT EXISTS messages.invites (
            room_id      bigint NOT NULL REFERENCES messages.rooms (id),
            nick_folded  text NOT NULL,
            invited_by   text NOT NULL,
            invited_at   timestamptz NOT NULL,
            PRIMARY KEY (room_id, nick_folded)
        );
        -- draft/message-redaction: a redacted message keeps its row (and its place in the stream)
        -- without its text or tags, and the views no longer show it.
        ALTER TABLE messages.messages ADD COLUMN IF NOT EXISTS redacted_at timestamptz NULL;
        -- draft/read-marker: an account's read position per target (a room, or a nick for a conversation).
        CREATE TABLE IF NOT EXISTS messages.read_markers (
            account        uuid NOT NULL,
            target_folded  text NOT NULL,
            target         text NOT NULL,
            read_at        timestamptz NOT NULL,
            PRIMARY KEY (account, target_folded)
        );
        -- CHATHISTORY pages by time as well as by sequence (timestamp= references, TARGETS).
        CREATE INDEX IF NOT EXISTS messages_room_time ON messages.messages (room_id, server_time);
        CREATE OR REPLACE VIEW messages.history_v1 AS
            SELECT r.name         AS room,
                   r.name_folded  AS room_folded,
                   m.sequence,
                   m.msgid,
                   m.author_account,
                   m.author_nick,
                   m.author_user,
                   m.author_host,
                   m.kind,
                   m.text,
                   m.client_tags,
                   m.server_time
            FROM messages.messages m
            JOIN messages.rooms r ON r.id = m.room_id
            -- Messages only: the room's stream also holds its membership and topic events, which
            -- draft/event-playback will read through a later version of this view.
            WHERE m.kind IN ('PRIVMSG', 'NOTICE') AND r.name_folded LIKE '#%' -- conversations: direct_history_v1
              AND m.redacted_at IS NULL;
        -- account-tag: the author's account name as it was when the message was sent (null: a guest).
        ALTER TABLE messages.messages ADD COLUMN IF NOT EXISTS author_account_name text NULL;
        -- v2: the room's stream as draft/event-playback plays it back, messages and the events members
        -- saw (JOIN, PART, QUIT, KICK, MODE, TOPIC, NICK), each with its arguments. INVITE is left out:
        -- only the invited user and the room's operators (invite-notify) ever saw it. Redacted
        -- messages are gone from it as from v1.
        CREATE OR REPLACE VIEW messages.history_v2 AS
            SELECT r.name         AS room,
                   r.name_folded  AS room_folded,
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
                   m.arguments,
                   m.author_account_name
            FROM messages.messages m
            JOIN messages.rooms r ON r.id = m.room_id
            WHERE m.kind IN ('PRIVMSG', 'NOTICE', 'JOIN', 'PART', 'QUIT', 'KICK', 'MODE', 'TOPIC', 'NICK')
              AND r.name_folded LIKE '#%'
              AND m.redacted_at IS NULL;
        -- Full-text search (the history service's /api/history/search over history_v1): the words of
        -- rooms' messages, with the simple configuration (no stemming: rooms speak any language).
        -- New entries wait in the index's pending list, which the insert that fills it merges into
        -- the index; at the default 4 MB that merge held a batch of messages for up to 260 ms at
        -- 3,200 msg/s, every few seconds. A list of 256 kB is merged as often as it is small.
        CREATE INDEX IF NOT EXISTS messages_text_search ON messages.messages
            USING gin (to_tsvector('simple', text)) WHERE kind IN ('PRIVMSG', 'NOTICE');
        ALTER INDEX messages.messages_text_search SET (gin_pending_list_limit = 256);
        -- The history service's access contract (issue 4: no one reads a room they could not join):
        -- one row per room and signed-in member (any connection, IRC or web), plus one with a null
        -- account for a room nobody signed in is in, so "no rows" means "no such room". Whether the
        -- room is secret (+s) decides if a non-member may learn that it exists.
        CREATE OR REPLACE VIEW messages.room_access_v1 AS
            SELECT r.name_folded            AS room_folded,
                   strpos(r.modes, 's') > 0 AS secret,
                   mem.account
            FROM messages.rooms r
            LEFT JOIN messages.members mem ON mem.room_id = r.id AND mem.account IS NOT NULL
            WHERE r.name_folded LIKE '#%';
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // Replicas start together: one creates, the others wait on the lock and find it done.
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
