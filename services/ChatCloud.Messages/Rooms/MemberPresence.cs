using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// Changes to a member that reach every room it is in: its connection ending (QUIT) and its nick
/// changing (NICK). A member is its nick on its connection (edge + session), so a stale request
/// from an older connection under the same nick changes nothing. Rooms are locked in name order.
/// </summary>
internal sealed class MemberPresence(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Most QUITs one transaction takes from a room.</summary>
    private const int MaxQuitBatch = 200;

    private readonly KeyedBatches<(QuitRequest Request, DateTimeOffset At), bool> _quits =
        new((folded, quits) => new RoomQuits(dataSource, time).QuitAsync(folded, quits, CancellationToken.None), MaxQuitBatch);

    /// <summary>
    /// The member leaves every room it is in, each seeing one QUIT, all with one time. Each room
    /// takes it with the other QUITs waiting for that room (<see cref="RoomQuits"/>).
    /// </summary>
    /// <returns>How many rooms the member left.</returns>
    public async Task<int> QuitAsync(QuitRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<string> rooms = [];
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var select = new NpgsqlCommand("""
            SELECT r.name_folded FROM messages.members m JOIN messages.rooms r ON r.id = m.room_id
            WHERE m.nick_folded = $1 AND m.edge = $2 AND m.session = $3
            """, connection)
        {
            Parameters = { new() { Value = IrcCaseMapping.Rfc1459.Fold(request.Actor.Nick) }, new() { Value = request.Actor.Edge }, new() { Value = request.Actor.Session } },
        })
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rooms.Add(reader.GetString(0));
            }
        }
        var left = await Task.WhenAll(rooms.Select(room => _quits.RunAsync(room, (request, now)))).WaitAsync(cancellationToken);
        return left.Count(quit => quit);
    }

    /// <summary>
    /// Every member an edge held quits: the edge stopped (it says so on the way down) or its
    /// heartbeat expired (<see cref="EdgeSweeper"/>).
    /// </summary>
    /// <returns>How many members quit.</returns>
    public async Task<int> QuitEdgeAsync(string edge, string reason, CancellationToken cancellationToken)
    {
        List<RoomActor> members = [];
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var select = new NpgsqlCommand("""
            SELECT DISTINCT ON (session) nick, user_name, host, account, session, account_name FROM messages.members
            WHERE edge = $1 ORDER BY session, joined_at
            """, connection)
        {
            Parameters = { new() { Value = edge } },
        })
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                members.Add(new RoomActor(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    edge, reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }
        // All at once: each room takes its share of them in batches.
        await Task.WhenAll(members.Select(member => QuitAsync(new QuitRequest(member, reason), cancellationToken)));
        return members.Count;
    }

    public async Task<RoomRefusal?> RenameAsync(RenameRequest request, CancellationToken cancellationToken)
    {
        var oldFolded = IrcCaseMapping.Rfc1459.Fold(request.Actor.Nick);
        var newFolded = IrcCaseMapping.Rfc1459.Fold(request.NewNick);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rooms = await LockRoomsOfAsync(connection, transaction, request.Actor, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var room in rooms)
        {
            // Only a change of case keeps the key; otherwise the new nick must be free in the room.
            if (newFolded != oldFolded && await RoomModeration.PrefixesAsync(connection, transaction, room.Id, request.NewNick, cancellationToken) is not null)
            {
                return RoomRefusal.NickInUse;
            }
            await using (var update = new NpgsqlCommand(
                "UPDATE messages.members SET nick = $3, nick_folded = $4 WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
            {
                Parameters = { new() { Value = room.Id }, new() { Value = oldFolded }, new() { Value = request.NewNick }, new() { Value = newFolded } },
            })
            {
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "NICK", "", [request.NewNick], now, time, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The member's host, as NAMES and WHO show it, in every room it is in; nothing is appended to the rooms' streams.</summary>
    public async Task ChangeHostAsync(HostChangeRequest request, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE messages.members SET host = $4 WHERE nick_folded = $1 AND edge = $2 AND session = $3");
        update.Parameters.Add(new() { Value = IrcCaseMapping.Rfc1459.Fold(request.Actor.Nick) });
        update.Parameters.Add(new() { Value = request.Actor.Edge });
        update.Parameters.Add(new() { Value = request.Actor.Session });
        update.Parameters.Add(new() { Value = request.NewHost });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<RoomRow>> LockRoomsOfAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RoomActor actor, CancellationToken cancellationToken)
    {
        List<string> folded = [];
        await using (var select = new NpgsqlCommand("""
            SELECT r.name_folded FROM messages.members m JOIN messages.rooms r ON r.id = m.room_id
            WHERE m.nick_folded = $1 AND m.edge = $2 AND m.session = $3
            ORDER BY r.name_folded COLLATE "C"
            """, connection, transaction)
        {
            Parameters = { new() { Value = IrcCaseMapping.Rfc1459.Fold(actor.Nick) }, new() { Value = actor.Edge }, new() { Value = actor.Session } },
        })
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                folded.Add(reader.GetString(0));
            }
        }
        List<RoomRow> rooms = [];
        foreach (var name in folded)
        {
            rooms.Add((await RoomState.FindAsync(connection, transaction, name, forUpdate: true, cancellationToken))!);
        }
        return rooms;
    }
}
