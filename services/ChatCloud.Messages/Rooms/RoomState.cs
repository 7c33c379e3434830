using ChatCloud.Contracts.Rooms;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>A room's row, read under its lock.</summary>
internal sealed record RoomRow(
    long Id, string Name, string Folded, DateTimeOffset CreatedAt, string Modes, string? Key, int? Limit, RoomTopic? Topic, long LastSequence)
{
    public bool Has(char mode) => Modes.Contains(mode, StringComparison.Ordinal);
}

/// <summary>Reads of the room state tables (<see cref="MessagesSchema"/>).</summary>
internal static class RoomState
{
    private const string Columns = "id, name, name_folded, created_at, modes, key, user_limit, topic, topic_set_by, topic_set_at, last_sequence";

    /// <summary>Creates the room when it does not exist and locks its row until the transaction ends.</summary>
    public static async Task<RoomRow> LockOrCreateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string folded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "INSERT INTO messages.rooms (name, name_folded, created_at) VALUES ($1, $2, $3) ON CONFLICT (name_folded) DO NOTHING", connection, transaction)
        {
            Parameters = { new() { Value = name }, new() { Value = folded }, new() { Value = now.ToUniversalTime() } },
        })
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return (await FindAsync(connection, transaction, folded, forUpdate: true, cancellationToken))!;
    }

    public static async Task<RoomRow?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string folded, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            $"SELECT {Columns} FROM messages.rooms WHERE name_folded = $1{(forUpdate ? " FOR UPDATE" : "")}", connection, transaction)
        {
            Parameters = { new() { Value = folded } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var topic = reader.IsDBNull(7) ? null : new RoomTopic(reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9));
        return new RoomRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), topic, reader.GetInt64(10));
    }

    /// <summary>Members in the order they joined.</summary>
    public static async Task<List<RoomMember>> MembersAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long roomId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT nick, user_name, host, account, prefixes, account_name FROM messages.members WHERE room_id = $1 ORDER BY joined_at, nick_folded", connection, transaction)
        {
            Parameters = { new() { Value = roomId } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        List<RoomMember> members = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new RoomMember(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return members;
    }

    public static async Task<RoomSnapshot> SnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, RoomRow room, CancellationToken cancellationToken) =>
        new(room.Name, room.LastSequence, room.CreatedAt, room.Modes, room.Key, room.Limit, room.Topic,
            await MembersAsync(connection, transaction, room.Id, cancellationToken), await BansAsync(connection, transaction, room.Id, cancellationToken));

    /// <summary>Bans in the order they were set (RPL_BANLIST lists them so).</summary>
    public static async Task<List<RoomBan>> BansAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long roomId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT mask, set_by, set_at FROM messages.bans WHERE room_id = $1 ORDER BY set_at, mask", connection, transaction)
        {
            Parameters = { new() { Value = roomId } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        List<RoomBan> bans = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            bans.Add(new RoomBan(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return bans;
    }

    /// <summary>
    /// The start of every command a member gives a room: the room locked, and the actor's prefixes;
    /// refused with 403 when the room does not exist and 442 when the actor is not in it.
    /// </summary>
    public static async Task<LockedRoom> LockForMemberAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string actorNick, CancellationToken cancellationToken)
    {
        if (await FindAsync(connection, transaction, ChatCloud.Irc.IrcCaseMapping.Rfc1459.Fold(name), forUpdate: true, cancellationToken) is not { } room)
        {
            return new LockedRoom(null, "", RoomRefusal.NoSuchChannel);
        }
        return await RoomModeration.PrefixesAsync(connection, transaction, room.Id, actorNick, cancellationToken) is { } prefixes
            ? new LockedRoom(room, prefixes, null)
            : new LockedRoom(null, "", RoomRefusal.NotOnChannel);
    }
}

/// <summary>A room locked for a member's command, or why the command is refused.</summary>
internal readonly record struct LockedRoom(RoomRow? Room, string Prefixes, RoomRefusal? Refused)
{
    public bool IsOperator => Prefixes.Contains('o', StringComparison.Ordinal);
}
