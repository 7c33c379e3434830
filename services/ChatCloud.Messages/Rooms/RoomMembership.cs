using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// JOIN and PART against the authority: each checks and changes the room under its row lock and
/// appends its event to the room's stream in the same transaction, so the change, its order and
/// its delivery to every edge commit together or not at all. Both edges come here, so this is
/// where an account's joins and parts are told as user activity (issue 7), once, after the commit.
/// </summary>
internal sealed class RoomMembership(NpgsqlDataSource dataSource, TimeProvider time, BestEffortPublisher? activity = null)
{
    /// <summary>Most JOINs one transaction takes: a storm into one room commits in batches of this many.</summary>
    private const int MaxJoinBatch = 200;

    private readonly KeyedBatches<(string Name, JoinRequest Request), (JoinResult?, RoomRefusal?)> _joins =
        new((folded, joins) => new RoomJoins(dataSource, time).JoinAsync(folded, joins, CancellationToken.None), MaxJoinBatch);

    /// <summary>
    /// Queued with the other JOINs waiting for the same room and decided in one batch
    /// (<see cref="RoomJoins"/>). Not cancelled with the request: a JOIN the caller stopped waiting
    /// for may still be committed, and the next JOIN of that nick then finds it a member already.
    /// </summary>
    public async Task<(JoinResult? Joined, RoomRefusal? Refused)> JoinAsync(string name, JoinRequest request, CancellationToken cancellationToken)
    {
        if (!IrcCaseMapping.IsValidChannelName(name))
        {
            return (null, RoomRefusal.BadName);
        }
        var folded = IrcCaseMapping.Rfc1459.Fold(name);
        var decided = await _joins.RunAsync(folded, (name, request)).WaitAsync(cancellationToken);
        if (decided.Item1 is { AlreadyMember: false } && request.Actor.AccountId is { } account)
        {
            activity?.Publish(new RoomJoined(account, folded) { AccountName = request.Actor.Account, OccurredAt = time.GetUtcNow() });
        }
        return decided;
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
        if (request.Actor.AccountId is { } account)
        {
            activity?.Publish(new RoomLeft(account, folded, "part") { OccurredAt = time.GetUtcNow() });
        }
        return (stored.Sequence, null);
    }

    public async Task<RoomSnapshot?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var room = await RoomState.FindAsync(connection, null, IrcCaseMapping.Rfc1459.Fold(name), forUpdate: false, cancellationToken);
        return room is null ? null : await RoomState.SnapshotAsync(connection, null, room, cancellationToken);
    }


}
