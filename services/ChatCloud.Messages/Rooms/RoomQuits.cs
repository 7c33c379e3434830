using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// QUITs from one room, in a batch, under one row lock and one commit (<see cref="KeyedBatches{TRequest,TResult}"/>):
/// when an edge's users drop at once (a network blip, a crashed edge), each room takes their QUITs
/// in a few transactions, and the JOINs of those coming back are not stuck behind them. A member
/// is its nick on its connection (edge + session): a QUIT from an older connection under the same
/// nick, whose rows a newer one adopted, removes nothing and is announced nowhere.
/// </summary>
internal sealed class RoomQuits(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <returns>For each QUIT, whether its member was in the room and left it.</returns>
    public async Task<IReadOnlyList<bool>> QuitAsync(string folded, IReadOnlyList<(QuitRequest Request, DateTimeOffset At)> quits, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RoomState.FindAsync(connection, transaction, folded, forUpdate: true, cancellationToken) is not { } room)
        {
            return [.. quits.Select(_ => false)];
        }
        var left = await DeleteMembersAsync(connection, transaction, room.Id, quits, cancellationToken);
        var results = quits.Select(quit => left.Contains(Key(quit.Request.Actor))).ToArray();
        var leaving = quits.Where((_, i) => results[i]).ToList();
        if (leaving.Count > 0)
        {
            // Each with the time its quit was asked at: one quit's events in several rooms share it,
            // which is how an edge shows a member the QUIT once.
            await RoomStream.AppendRangeAsync(connection, transaction, room,
                leaving.ConvertAll(quit => new StreamEvent(quit.Request.Actor, "QUIT", quit.Request.Reason ?? "", null, quit.At)), time, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private static string Key(RoomActor actor) => $"{IrcCaseMapping.Rfc1459.Fold(actor.Nick)} {actor.Edge} {actor.Session}";

    private static async Task<HashSet<string>> DeleteMembersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, IReadOnlyList<(QuitRequest Request, DateTimeOffset At)> quits,
        CancellationToken cancellationToken)
    {
        var actors = quits.Select(quit => quit.Request.Actor).ToList();
        await using var delete = new NpgsqlCommand("""
            DELETE FROM messages.members AS m
            USING unnest($2::text[], $3::text[], $4::text[]) AS q(nick_folded, edge, session)
            WHERE m.room_id = $1 AND m.nick_folded = q.nick_folded AND m.edge = q.edge AND m.session = q.session
            RETURNING m.nick_folded, m.edge, m.session
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = roomId }, new() { Value = actors.ConvertAll(a => IrcCaseMapping.Rfc1459.Fold(a.Nick)).ToArray() },
                new() { Value = actors.ConvertAll(a => a.Edge).ToArray() }, new() { Value = actors.ConvertAll(a => a.Session).ToArray() },
            },
        };
        HashSet<string> left = new(StringComparer.Ordinal);
        await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            left.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}");
        }
        return left;
    }
}
