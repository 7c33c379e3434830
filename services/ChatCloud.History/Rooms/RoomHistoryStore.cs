using System.Text.Json;
using ChatCloud.Contracts.History;
using Npgsql;

namespace ChatCloud.History.Rooms;

/// <summary>The history service is up but the messages service has not created its view yet.</summary>
public sealed class HistoryUnavailableException(Exception inner) : Exception("The history view does not exist yet.", inner);

/// <summary>Reads the messages service's history views (see <see cref="HistorySql"/>).</summary>
public sealed class RoomHistoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>Where a msgid sits in the room, or null when the room has no such message.</summary>
    public Task<Position?> ResolveAsync(string roomFolded, string msgid, CancellationToken cancellationToken) =>
        ResolveAsync(HistorySource.Rooms, roomFolded, msgid, cancellationToken);

    public async Task<Position?> ResolveAsync(HistorySource source, string key, string msgid, CancellationToken cancellationToken)
    {
        await using var command = Command(HistorySql.Resolve(source), [key, msgid]);
        await using var reader = await ExecuteAsync(command, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Position(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    /// <summary>The pages' rows, each page oldest first, pages in order, <paramref name="limit"/> in all.</summary>
    public Task<(string? Room, List<HistoryMessage> Messages)> ReadAsync(
        string roomFolded, IReadOnlyList<HistoryPage> pages, int limit, CancellationToken cancellationToken) =>
        ReadAsync(HistorySource.Rooms, roomFolded, pages, limit, cancellationToken);

    public async Task<(string? Room, List<HistoryMessage> Messages)> ReadAsync(
        HistorySource source, string key, IReadOnlyList<HistoryPage> pages, int limit, CancellationToken cancellationToken)
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
            var (text, parameters) = HistorySql.Page(source, key, page);
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

    /// <summary>Of <paramref name="keys"/>, the conversation with the latest message; null when none has any.</summary>
    public async Task<string?> LatestConversationAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        (string? Key, DateTimeOffset Latest) best = (null, DateTimeOffset.MinValue);
        foreach (var key in keys)
        {
            await using var command = Command(HistorySql.Latest(HistorySource.Conversations), [key]);
            await using var reader = await ExecuteAsync(command, cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) && reader.GetFieldValue<DateTimeOffset>(0) is var latest && latest > best.Latest)
            {
                best = (key, latest);
            }
        }
        return best.Key;
    }

    /// <summary>A party's conversations with messages in the window, each with its key and latest time, oldest first.</summary>
    public async Task<List<(string Conversation, DateTimeOffset Latest)>> ConversationTargetsAsync(
        string party, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (text, parameters) = HistorySql.ConversationTargets(party, from, to, limit);
        await using var command = Command(text, parameters);
        await using var reader = await ExecuteAsync(command, cancellationToken);
        var targets = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        return [.. targets.OrderBy(t => t.Item2)];
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

    /// <summary>A row of the history view, its columns in the order every history query selects them (search's too).</summary>
    internal static HistoryMessage Read(NpgsqlDataReader reader) => new(
        Msgid: reader.GetString(2),
        Sequence: reader.GetInt64(1),
        Time: reader.GetFieldValue<DateTimeOffset>(10),
        Account: reader.IsDBNull(3) ? null : reader.GetGuid(3),
        Nick: reader.GetString(4),
        User: reader.GetString(5),
        Host: reader.GetString(6),
        Kind: reader.GetString(7),
        Text: reader.GetString(8),
        ClientTags: reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)),
        Target: reader.FieldCount > 11 && !reader.IsDBNull(11) ? reader.GetString(11) : null,
        Arguments: reader.FieldCount > 12 && !reader.IsDBNull(12) ? JsonSerializer.Deserialize<List<string>>(reader.GetString(12)) : null,
        AccountName: reader.FieldCount > 13 && !reader.IsDBNull(13) ? reader.GetString(13) : null);
}
