using System.Text.Json;
using ChatCloud.Contracts.History;
using Npgsql;

namespace ChatCloud.History.Rooms;

/// <summary>The history service is up but the messages service has not created its view yet.</summary>
public sealed class HistoryUnavailableException(Exception inner) : Exception("The history view does not exist yet.", inner);

/// <summary>Reads <c>messages.history_v1</c> (see <see cref="HistorySql"/>).</summary>
public sealed class RoomHistoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>Where a msgid sits in the room, or null when the room has no such message.</summary>
    public async Task<Position?> ResolveAsync(string roomFolded, string msgid, CancellationToken cancellationToken)
    {
        await using var command = Command(HistorySql.Resolve, [roomFolded, msgid]);
        await using var reader = await ExecuteAsync(command, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Position(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    /// <summary>The pages' rows, each page oldest first, pages in order, <paramref name="limit"/> in all.</summary>
    public async Task<(string? Room, List<HistoryMessage> Messages)> ReadAsync(
        string roomFolded, IReadOnlyList<HistoryPage> pages, int limit, CancellationToken cancellationToken)
    {
        string? room = null;
        var messages = new List<HistoryMessage>();
        foreach (var planned in pages)
        {
            // AROUND's second page takes what the first left of the limit.
            var page = planned with { Limit = Math.Min(planned.Limit, limit - messages.Count) };
            if (page.Limit <= 0)
            {
                continue;
            }
            var (text, parameters) = HistorySql.Page(roomFolded, page);
            await using var command = Command(text, parameters);
            await using var reader = await ExecuteAsync(command, cancellationToken);
            var rows = new List<HistoryMessage>();
            while (await reader.ReadAsync(cancellationToken))
            {
                room ??= reader.GetString(0);
                rows.Add(Read(reader));
            }
            if (page.NewestFirst)
            {
                rows.Reverse();
            }
            messages.AddRange(rows);
        }
        return (room, messages);
    }

    public async Task<List<RoomActivity>> TargetsAsync(
        string[] roomsFolded, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (text, parameters) = HistorySql.Targets(roomsFolded, from, to, limit);
        await using var command = Command(text, parameters);
        await using var reader = await ExecuteAsync(command, cancellationToken);
        var targets = new List<RoomActivity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(new RoomActivity(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        // Read from whichever end the window starts at; listed oldest first, as the spec orders targets.
        return [.. targets.OrderBy(t => t.Latest)];
    }

    private NpgsqlCommand Command(string text, IReadOnlyList<object> parameters)
    {
        var command = dataSource.CreateCommand(text);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
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

    private static HistoryMessage Read(NpgsqlDataReader reader) => new(
        Msgid: reader.GetString(2),
        Sequence: reader.GetInt64(1),
        Time: reader.GetFieldValue<DateTimeOffset>(10),
        Account: reader.IsDBNull(3) ? null : reader.GetGuid(3),
        Nick: reader.GetString(4),
        User: reader.GetString(5),
        Host: reader.GetString(6),
        Kind: reader.GetString(7),
        Text: reader.GetString(8),
        ClientTags: reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)));
}
