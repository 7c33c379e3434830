using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// JOIN and PART against the authority: each checks and changes the room under its row lock and
/// appends its event to the room's stream in the same transaction, so the change, its order and
/// its delivery to every edge commit together or not at all.
/// </summary>
internal sealed class RoomMembership(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<(JoinResult? Joined, RoomRefusal? Refused)> JoinAsync(string name, JoinRequest request, CancellationToken cancellationToken)
    {
        if (!IrcCaseMapping.IsValidChannelName(name))
        {
            return (null, RoomRefusal.BadName);
        }
        var folded = IrcCaseMapping.Rfc1459.Fold(name);
        var actor = request.Actor;
        var nick = IrcCaseMapping.Rfc1459.Fold(actor.Nick);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var room = await RoomState.LockOrCreateAsync(connection, transaction, name, folded, time.GetUtcNow(), cancellationToken);
        var members = await RoomState.MembersAsync(connection, transaction, room.Id, cancellationToken);
        if (members.Any(member => IrcCaseMapping.Rfc1459.Equals(member.Nick, actor.Nick)))
        {
            // The nick's holder is one connection at a time (the nick directory sees to it): a member row
            // left by an earlier connection under this nick, whose QUIT is late or lost, becomes this one's,
            // so that QUIT, when it comes, finds nothing of it.
            await using (var adopt = new NpgsqlCommand(
                "UPDATE messages.members SET edge = $3, session = $4, user_name = $5, host = $6 WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
            {
                Parameters =
                {
                    new() { Value = room.Id }, new() { Value = nick }, new() { Value = actor.Edge }, new() { Value = actor.Session },
                    new() { Value = actor.User }, new() { Value = actor.Host },
                },
            })
            {
                await adopt.ExecuteNonQueryAsync(cancellationToken);
            }
            var current = await RoomState.SnapshotAsync(connection, transaction, room, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (new JoinResult(current, AlreadyMember: true), null);
        }
        var invited = await IsInvitedAsync(connection, transaction, room.Id, nick, cancellationToken);
        if (await RefusalAsync(connection, transaction, room, members.Count, request, invited, cancellationToken) is { } refusal)
        {
            return (null, refusal);
        }

        // Modern IRC: whoever creates a channel (here: joins it empty) becomes its operator.
        await using (var insert = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO messages.members (room_id, nick_folded, nick, user_name, host, account, prefixes, edge, session, joined_at, account_name)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = room.Id }, new() { Value = nick }, new() { Value = actor.Nick }, new() { Value = actor.User },
                        new() { Value = actor.Host }, new() { Value = (object?)actor.AccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                        new() { Value = members.Count == 0 ? "o" : "" }, new() { Value = actor.Edge }, new() { Value = actor.Session },
                        new() { Value = time.GetUtcNow().ToUniversalTime() },
                        new() { Value = (object?)actor.Account ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    },
                },
                new("DELETE FROM messages.invites WHERE room_id = $1 AND nick_folded = $2")
                {
                    Parameters = { new() { Value = room.Id }, new() { Value = nick } },
                },
            },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await RoomStream.AppendAsync(connection, transaction, room, actor, "JOIN", request.RealName ?? "", [actor.Account ?? "*"], time.GetUtcNow(), time, cancellationToken);
        var joined = (await RoomState.FindAsync(connection, transaction, folded, forUpdate: false, cancellationToken))!;
        var snapshot = await RoomState.SnapshotAsync(connection, transaction, joined, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new JoinResult(snapshot, AlreadyMember: false), null);
    }

    public async Task<(long? Sequence, RoomRefusal? Refused)> PartAsync(string name, PartRequest request, CancellationToken cancellationToken)
    {
        var folded = IrcCaseMapping.Rfc1459.Fold(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RoomState.FindAsync(connection, transaction, folded, forUpdate: true, cancellationToken) is not { } room)
        {
            return (null, RoomRefusal.NoSuchChannel);
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM messages.members WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
        {
            Parameters = { new() { Value = room.Id }, new() { Value = IrcCaseMapping.Rfc1459.Fold(request.Actor.Nick) } },
        })
        {
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return (null, RoomRefusal.NotOnChannel);
            }
        }
        var stored = await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "PART", request.Reason ?? "", null, time.GetUtcNow(), time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored.Sequence, null);
    }

    public async Task<RoomSnapshot?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var room = await RoomState.FindAsync(connection, null, IrcCaseMapping.Rfc1459.Fold(name), forUpdate: false, cancellationToken);
        return room is null ? null : await RoomState.SnapshotAsync(connection, null, room, cancellationToken);
    }

    /// <summary>Modern IRC checks, in its order: ban (unless invited), invite-only, key, limit.</summary>
    private static async Task<RoomRefusal?> RefusalAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RoomRow room, int memberCount, JoinRequest request, bool invited, CancellationToken cancellationToken)
    {
        var actor = request.Actor;
        var mask = $"{actor.Nick}!{actor.User}@{actor.Host}";
        if (!invited && (await RoomState.BansAsync(connection, transaction, room.Id, cancellationToken)).Any(ban => IrcMask.Matches(ban.Mask, mask, IrcCaseMapping.Rfc1459)))
        {
            return RoomRefusal.Banned;
        }
        if (room.Has('i') && !invited)
        {
            return RoomRefusal.InviteOnly;
        }
        if (room.Key is not null && !string.Equals(room.Key, request.Key, StringComparison.Ordinal))
        {
            return RoomRefusal.BadKey;
        }
        if (room.Limit is { } limit && memberCount >= limit)
        {
            return RoomRefusal.Full;
        }
        return null;
    }

    private static async Task<bool> IsInvitedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, string nick, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT 1 FROM messages.invites WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
        {
            Parameters = { new() { Value = roomId }, new() { Value = nick } },
        };
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
