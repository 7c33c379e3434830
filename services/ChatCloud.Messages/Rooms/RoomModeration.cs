using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// TOPIC and KICK against the authority: checked and applied under the room's row lock, each
/// appended to the room's stream in the same transaction (see <see cref="RoomMembership"/>).
/// </summary>
internal sealed class RoomModeration(NpgsqlDataSource dataSource, TimeProvider time, BestEffortPublisher? activity = null)
{
    /// <summary>Topics are cut to this many characters (<c>TOPICLEN</c>).</summary>
    public const int TopicLength = 390;

    /// <summary>KICK reasons are cut to this many characters (<c>KICKLEN</c>).</summary>
    public const int KickLength = 255;

    // TOPIC <channel> <topic> — with +t only operators may set it (Modern IRC).
    public async Task<RoomRefusal?> SetTopicAsync(string name, TopicRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await RoomState.LockForMemberAsync(connection, transaction, name, request.Actor.Nick, cancellationToken);
        if (locked.Room is not { } room)
        {
            return locked.Refused;
        }
        if (room.Has('t') && !locked.IsOperator)
        {
            return RoomRefusal.NotOperator;
        }
        var topic = request.Topic.Length <= TopicLength ? request.Topic : request.Topic[..TopicLength];
        var now = time.GetUtcNow().ToUniversalTime();
        await using (var update = new NpgsqlCommand(
            "UPDATE messages.rooms SET topic = $2, topic_set_by = $3, topic_set_at = $4 WHERE id = $1", connection, transaction)
        {
            Parameters =
            {
                new() { Value = room.Id },
                new() { Value = topic.Length == 0 ? DBNull.Value : topic, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = topic.Length == 0 ? DBNull.Value : $"{request.Actor.Nick}!{request.Actor.User}@{request.Actor.Host}", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = topic.Length == 0 ? DBNull.Value : now, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
            },
        })
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "TOPIC", topic, null, time.GetUtcNow(), time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    // KICK <channel> <user> [<comment>] — operators only; the target must be in the room.
    public async Task<RoomRefusal?> KickAsync(string name, KickRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await RoomState.LockForMemberAsync(connection, transaction, name, request.Actor.Nick, cancellationToken);
        if (locked.Room is not { } room)
        {
            return locked.Refused;
        }
        if (!locked.IsOperator)
        {
            return RoomRefusal.NotOperator;
        }
        string target;
        Guid? targetAccount;
        await using (var delete = new NpgsqlCommand(
            "DELETE FROM messages.members WHERE room_id = $1 AND nick_folded = $2 RETURNING nick, account", connection, transaction)
        {
            Parameters = { new() { Value = room.Id }, new() { Value = IrcCaseMapping.Rfc1459.Fold(request.Target) } },
        })
        {
            await using var removed = await delete.ExecuteReaderAsync(cancellationToken);
            if (!await removed.ReadAsync(cancellationToken))
            {
                return RoomRefusal.TargetNotOnChannel;
            }
            target = removed.GetString(0);
            targetAccount = removed.IsDBNull(1) ? null : removed.GetGuid(1);
        }
        var reason = request.Reason is { Length: > 0 } given ? given : request.Actor.Nick; // as most servers do
        reason = reason.Length <= KickLength ? reason : reason[..KickLength];
        await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "KICK", reason, [target], time.GetUtcNow(), time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (targetAccount is { } account)
        {
            activity?.Publish(new RoomLeft(account, IrcCaseMapping.Rfc1459.Fold(name), "kick") { OccurredAt = time.GetUtcNow() });
        }
        return null;
    }

    /// <summary>The member's prefixes, or null when the nick is not in the room.</summary>
    internal static async Task<string?> PrefixesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, string nick, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT prefixes FROM messages.members WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
        {
            Parameters = { new() { Value = roomId }, new() { Value = IrcCaseMapping.Rfc1459.Fold(nick) } },
        };
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }
}
