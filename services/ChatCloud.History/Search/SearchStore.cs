using ChatCloud.Contracts.History;
using ChatCloud.History.Rooms;
using Npgsql;

namespace ChatCloud.History.Search;

/// <summary>A message found, with the room it was said in.</summary>
public sealed record SearchHit(string Room, HistoryMessage Message);

/// <summary>One page of hits, newest first; <see cref="Next"/> continues with older ones (null: no more).</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, string? Next);

/// <summary>
/// Full-text search over <c>messages.history_v1</c> (rooms' messages, redacted ones left out), the
/// history service's read contract with the messages service. The words are matched with
/// PostgreSQL's <c>simple</c> configuration (no stemming: rooms speak any language) through
/// <c>websearch_to_tsquery</c>, so "quoted phrases", <c>or</c> and <c>-word</c> work and nothing a
/// person types is a syntax error; <c>messages_text_search</c> (MessagesSchema) is the index it uses.
/// </summary>
public sealed class SearchStore(NpgsqlDataSource dataSource)
{
    // Messages stored in one batch share their server time, so the msgid breaks ties, compared
    // bytewise (COLLATE "C"): the same total order for ORDER BY and the keyset cursor whatever the
    // database's collation.

    /// <summary>A search never holds a connection longer than this.</summary>
    private const int TimeoutSeconds = 5;

    private const string Sql = """
        SELECT room, sequence, msgid, author_account, author_nick, author_user, author_host, kind, text, client_tags, server_time
        FROM messages.history_v1
        WHERE room_folded = ANY($1)
          AND to_tsvector('simple', text) @@ websearch_to_tsquery('simple', $2)
          AND ($3::timestamptz IS NULL OR (server_time, msgid COLLATE "C") < ($3, $4))
        ORDER BY server_time DESC, msgid COLLATE "C" DESC
        LIMIT $5
        """;

    public async Task<SearchResults> SearchAsync(string[] roomsFolded, SearchQuery query, CancellationToken cancellationToken)
    {
        if (roomsFolded.Length == 0)
        {
            return new SearchResults([], null);
        }
        await using var command = dataSource.CreateCommand(Sql);
        command.CommandTimeout = TimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter { Value = roomsFolded });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Before?.Time ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Before?.Msgid ?? "", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        // One more than asked: whether there is a next page.
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit + 1 });
        List<SearchHit> hits = [];
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new SearchHit(reader.GetString(0), RoomHistoryStore.Read(reader)));
            }
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new HistoryUnavailableException(exception);
        }
        if (hits.Count <= query.Limit)
        {
            return new SearchResults(hits, null);
        }
        hits.RemoveAt(hits.Count - 1);
        var last = hits[^1].Message;
        return new SearchResults(hits, new SearchCursor(last.Time, last.Msgid).Encode());
    }
}
