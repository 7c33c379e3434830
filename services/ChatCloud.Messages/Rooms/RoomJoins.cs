using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// JOINs into one room, in a batch, under one row lock and one commit (<see cref="KeyedBatches{TRequest,TResult}"/>).
/// Each is checked in turn against the room as the ones before it left it — Modern IRC's order: ban
/// (unless invited), <c>+i</c>, <c>+k</c>, <c>+l</c> — and each that gets in appends its JOIN to the
/// room's stream; its answer is the room as it stood right after its own JOIN.
/// </summary>
internal sealed class RoomJoins(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<IReadOnlyList<(JoinResult? Joined, RoomRefusal? Refused)>> JoinAsync(
        string folded, IReadOnlyList<(string Name, JoinRequest Request)> joins, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var room = await RoomState.LockOrCreateAsync(connection, transaction, joins[0].Name, folded, now, cancellationToken);
        var members = await RoomState.MembersAsync(connection, transaction, room.Id, cancellationToken);
        var bans = await RoomState.BansAsync(connection, transaction, room.Id, cancellationToken);
        var invited = await InvitedAsync(connection, transaction, room.Id, joins.Select(join => Fold(join.Request.Actor.Nick)).ToArray(), cancellationToken);

        var results = new (JoinResult?, RoomRefusal?)[joins.Count];
        var sequence = room.LastSequence;
        List<JoinRequest> joined = [];
        List<RoomActor> adopted = [];
        for (var i = 0; i < joins.Count; i++)
        {
            var request = joins[i].Request;
            var actor = request.Actor;
            var nick = Fold(actor.Nick);
            if (members.Exists(member => Fold(member.Nick) == nick))
            {
                // The nick's holder is one connection at a time (the nick directory sees to it): a member row
                // left by an earlier connection under this nick, whose QUIT is late or lost, becomes this one's,
                // so that QUIT, when it comes, finds nothing of it.
                adopted.Add(actor);
                results[i] = (new JoinResult(Snapshot(room, sequence, members, bans), AlreadyMember: true), null);
                continue;
            }
            if (Refusal(room, members.Count, bans, actor, request.Key, invited.Contains(nick)) is { } refusal)
            {
                results[i] = (null, refusal);
                continue;
            }
            // Modern IRC: whoever creates a channel (here: joins it empty) becomes its operator.
            members.Add(new RoomMember(actor.Nick, actor.User, actor.Host, actor.AccountId, members.Count == 0 ? "o" : "", actor.Account));
            joined.Add(request);
            invited.Remove(nick); // an invitation lets its user in once
            results[i] = (new JoinResult(Snapshot(room, ++sequence, members, bans), AlreadyMember: false), null);
        }

        await AdoptAsync(connection, transaction, room.Id, adopted, cancellationToken);
        if (joined.Count > 0)
        {
            await AddMembersAsync(connection, transaction, room.Id, joined.ConvertAll(join => join.Actor), members, now, cancellationToken);
            // In the order they were let in, with the sequences their answers carry.
            await RoomStream.AppendRangeAsync(connection, transaction, room,
                joined.ConvertAll(join => new StreamEvent(join.Actor, "JOIN", join.RealName ?? "", [join.Actor.Account ?? "*"], now)), time, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private static string Fold(string nick) => IrcCaseMapping.Rfc1459.Fold(nick);

    private static RoomSnapshot Snapshot(RoomRow room, long sequence, List<RoomMember> members, List<RoomBan> bans) =>
        new(room.Name, sequence, room.CreatedAt, room.Modes, room.Key, room.Limit, room.Topic, [.. members], [.. bans]);

    /// <summary>Modern IRC's checks, in its order: ban (unless invited), invite-only, key, limit.</summary>
    private static RoomRefusal? Refusal(RoomRow room, int memberCount, List<RoomBan> bans, RoomActor actor, string? key, bool invited)
    {
        var mask = $"{actor.Nick}!{actor.User}@{actor.Host}";
        if (!invited && bans.Exists(ban => IrcMask.Matches(ban.Mask, mask, IrcCaseMapping.Rfc1459)))
        {
            return RoomRefusal.Banned;
        }
        if (room.Has('i') && !invited)
        {
            return RoomRefusal.InviteOnly;
        }
        if (room.Key is not null && !string.Equals(room.Key, key, StringComparison.Ordinal))
        {
            return RoomRefusal.BadKey;
        }
        return room.Limit is { } limit && memberCount >= limit ? RoomRefusal.Full : null;
    }

    private static async Task<HashSet<string>> InvitedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, string[] nicks, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT nick_folded FROM messages.invites WHERE room_id = $1 AND nick_folded = ANY($2)", connection, transaction)
        {
            Parameters = { new() { Value = roomId }, new() { Value = nicks } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        HashSet<string> invited = new(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            invited.Add(reader.GetString(0));
        }
        return invited;
    }

    private static async Task AdoptAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, List<RoomActor> adopted, CancellationToken cancellationToken)
    {
        if (adopted.Count == 0)
        {
            return;
        }
        await using var update = new NpgsqlCommand("""
            UPDATE messages.members AS m SET edge = a.edge, session = a.session, user_name = a.user_name, host = a.host
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS a(nick_folded, edge, session, user_name, host)
            WHERE m.room_id = $1 AND m.nick_folded = a.nick_folded
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = roomId }, new() { Value = adopted.ConvertAll(a => Fold(a.Nick)).ToArray() },
                new() { Value = adopted.ConvertAll(a => a.Edge).ToArray() }, new() { Value = adopted.ConvertAll(a => a.Session).ToArray() },
                new() { Value = adopted.ConvertAll(a => a.User).ToArray() }, new() { Value = adopted.ConvertAll(a => a.Host).ToArray() },
            },
        };
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AddMembersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, List<RoomActor> joined, List<RoomMember> members,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nicks = joined.ConvertAll(a => Fold(a.Nick)).ToArray();
        var prefixes = joined.ConvertAll(a => members.Find(m => Fold(m.Nick) == Fold(a.Nick))!.Prefixes).ToArray();
        await using var insert = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO messages.members (room_id, nick_folded, nick, user_name, host, account, prefixes, edge, session, joined_at, account_name)
                    SELECT $1, j.nick_folded, j.nick, j.user_name, j.host, j.account, j.prefixes, j.edge, j.session, $10, j.account_name
                    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[], $11::text[])
                        AS j(nick_folded, nick, user_name, host, account, prefixes, edge, session, account_name)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = roomId }, new() { Value = nicks }, new() { Value = joined.ConvertAll(a => a.Nick).ToArray() },
                        new() { Value = joined.ConvertAll(a => a.User).ToArray() }, new() { Value = joined.ConvertAll(a => a.Host).ToArray() },
                        new() { Value = joined.ConvertAll(a => a.AccountId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                        new() { Value = prefixes }, new() { Value = joined.ConvertAll(a => a.Edge).ToArray() },
                        new() { Value = joined.ConvertAll(a => a.Session).ToArray() }, new() { Value = now.ToUniversalTime() },
                        new() { Value = joined.ConvertAll(a => a.Account).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    },
                },
                new("DELETE FROM messages.invites WHERE room_id = $1 AND nick_folded = ANY($2)")
                {
                    Parameters = { new() { Value = roomId }, new() { Value = nicks } },
                },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
