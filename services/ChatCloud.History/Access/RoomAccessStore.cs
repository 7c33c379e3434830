using ChatCloud.History.Rooms;
using Npgsql;

namespace ChatCloud.History.Access;

/// <summary>
/// Reads <c>messages.room_access_v1</c>, the messages service's membership contract with this service
/// (as <c>history_v2</c> is for messages): never its tables.
/// </summary>
public sealed class RoomAccessStore(NpgsqlDataSource dataSource)
{
    // No rows: no such room. A room nobody signed in is in still has its one row (account null).
    private const string FactsSql = """
        SELECT bool_or(secret), coalesce(bool_or(account = $2), false), count(*)
        FROM messages.room_access_v1 WHERE room_folded = $1
        """;

    private const string MemberRoomsSql = """
        SELECT DISTINCT room_folded FROM messages.room_access_v1 WHERE account = $1 AND room_folded = ANY($2)
        """;

    private const string RoomsOfSql = """
        SELECT DISTINCT room_folded FROM messages.room_access_v1 WHERE account = $1
        """;

    /// <summary>Every room <paramref name="account"/> is in now (what a search across "my rooms" covers).</summary>
    public async Task<string[]> RoomsOfAsync(Guid account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RoomsOfSql);
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        await using var reader = await ExecuteAsync(command, cancellationToken);
        var rooms = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rooms.Add(reader.GetString(0));
        }
        return [.. rooms];
    }

    public async Task<RoomAccessFacts?> FactsAsync(string roomFolded, Guid account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FactsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = roomFolded });
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        await using var reader = await ExecuteAsync(command, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(2) == 0)
        {
            return null;
        }
        return new RoomAccessFacts(reader.GetBoolean(0), reader.GetBoolean(1));
    }

    /// <summary>Of <paramref name="roomsFolded"/>, the rooms <paramref name="account"/> is in.</summary>
    public async Task<string[]> MemberRoomsAsync(Guid account, string[] roomsFolded, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MemberRoomsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = roomsFolded });
        await using var reader = await ExecuteAsync(command, cancellationToken);
        var rooms = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rooms.Add(reader.GetString(0));
        }
        return [.. rooms];
    }

    private static async Task<NpgsqlDataReader> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new HistoryUnavailableException(exception);
        }
    }
}
