using System.Text;

namespace ChatCloud.History.Rooms;

/// <summary>
/// A stream the history service reads, through one of the messages service's views: rooms
/// (<c>messages.history_v2</c>, keyed by folded room name, each row with its event's arguments) or
/// conversations (<c>messages.direct_history_v1</c>, keyed by conversation key, each row with its
/// recipient). All have one sequence per stream, so every query has the same shape. <see cref="Kinds"/>
/// narrows the rows a page returns (not the msgids a reference may name: a client with message-tags saw
/// live events' msgids too, and may page from one).
/// </summary>
public sealed record HistorySource(string View, string KeyColumn, string Columns, string? Kinds = null)
{
    private const string Common = "sequence, msgid, author_account, author_nick, author_user, author_host, kind, text, client_tags, server_time";

    /// <summary>A room's messages (PRIVMSG, NOTICE): what a client without draft/event-playback is played back.</summary>
    public static readonly HistorySource Rooms = new(
        "messages.history_v2", "room_folded", "room, " + Common + ", NULL::text AS recipient, arguments, author_account_name", "kind IN ('PRIVMSG', 'NOTICE')");

    /// <summary>A room's messages and the events its members saw (JOIN, PART, QUIT, KICK, MODE, TOPIC, NICK): draft/event-playback.</summary>
    public static readonly HistorySource RoomEvents = Rooms with { Kinds = null };

    public static readonly HistorySource Conversations = new("messages.direct_history_v1", "conversation", "conversation, " + Common + ", recipient, NULL::jsonb AS arguments, author_account_name");
}

/// <summary>
/// The SQL of the read path, over the messages service's views only (docs/architecture.md, "The
/// history read path"). Parameters are positional; <c>$1</c> is always the stream's key (or keys).
/// </summary>
public static class HistorySql
{
    /// <summary>TARGETS counts messages only, which v1 holds.</summary>
    public const string View = "messages.history_v1";

    public static string Resolve(HistorySource source) =>
        $"SELECT sequence, server_time FROM {source.View} WHERE {source.KeyColumn} = $1 AND msgid = $2";

    /// <summary>The time of a stream's latest message (null when it has none); the index on (stream, time) answers it.</summary>
    public static string Latest(HistorySource source) => $"SELECT max(server_time) FROM {source.View} WHERE {source.KeyColumn} = $1";

    /// <summary>One page: the bounds as WHERE clauses, read from the page's end, so LIMIT keeps the rows nearest it.</summary>
    public static (string Text, IReadOnlyList<object> Parameters) Page(string roomFolded, HistoryPage page) => Page(HistorySource.Rooms, roomFolded, page);

    public static (string Text, IReadOnlyList<object> Parameters) Page(HistorySource source, string key, HistoryPage page)
    {
        var sql = new StringBuilder($"SELECT {source.Columns} FROM {source.View} WHERE {source.KeyColumn} = $1");
        if (source.Kinds is { } kinds)
        {
            sql.Append(" AND ").Append(kinds);
        }
        var parameters = new List<object> { key };
        if (page.After is { } after)
        {
            AppendAfter(sql, parameters, after);
        }
        if (page.Before is { } before)
        {
            AppendBefore(sql, parameters, before);
        }
        sql.Append(page.NewestFirst ? " ORDER BY sequence DESC" : " ORDER BY sequence ASC");
        parameters.Add(page.Limit);
        sql.Append(" LIMIT $").Append(parameters.Count);
        return (sql.ToString(), parameters);
    }

    /// <summary>
    /// TARGETS: of the given rooms, those with messages strictly between two times, each with its
    /// latest such message; the <paramref name="limit"/> nearest <paramref name="from"/>, oldest first.
    /// </summary>
    public static (string Text, IReadOnlyList<object> Parameters) Targets(string[] roomsFolded, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var ascending = HistoryPlan.Compare(Position.At(from), Position.At(to)) <= 0;
        var (earlier, later) = ascending ? (from, to) : (to, from);
        var text = $"""
            SELECT room, max(server_time) AS latest FROM {View}
            WHERE room_folded = ANY($1) AND server_time >= $2 AND server_time < $3
            GROUP BY room_folded, room
            ORDER BY latest {(ascending ? "ASC" : "DESC")} LIMIT $4
            """;
        return (text, [roomsFolded, ExclusiveLowerTime(earlier), HistoryPlan.ToMilliseconds(later), limit]);
    }

    /// <summary>TARGETS among a party's conversations: as <see cref="Targets"/>, found by either end of the key.</summary>
    public static (string Text, IReadOnlyList<object> Parameters) ConversationTargets(string party, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var ascending = HistoryPlan.Compare(Position.At(from), Position.At(to)) <= 0;
        var (earlier, later) = ascending ? (from, to) : (to, from);
        var text = $"""
            SELECT conversation, max(server_time) AS latest FROM {HistorySource.Conversations.View}
            WHERE (party_a = $1 OR party_b = $1) AND server_time >= $2 AND server_time < $3
            GROUP BY conversation
            ORDER BY latest {(ascending ? "ASC" : "DESC")} LIMIT $4
            """;
        return (text, [party, ExclusiveLowerTime(earlier), HistoryPlan.ToMilliseconds(later), limit]);
    }

    private static void AppendAfter(StringBuilder sql, List<object> parameters, Boundary boundary)
    {
        if (boundary.At.Sequence is { } sequence)
        {
            parameters.Add(sequence);
            sql.Append(boundary.Inclusive ? " AND sequence >= $" : " AND sequence > $").Append(parameters.Count);
            return;
        }
        // A client's timestamp has milliseconds; stored times have microseconds. "After 12:00:00.123"
        // must leave out a message it saw as .123 (stored .123456), so the bound is the next millisecond.
        parameters.Add(boundary.Inclusive ? HistoryPlan.ToMilliseconds(boundary.At.Time) : ExclusiveLowerTime(boundary.At.Time));
        sql.Append(" AND server_time >= $").Append(parameters.Count);
    }

    private static void AppendBefore(StringBuilder sql, List<object> parameters, Boundary boundary)
    {
        if (boundary.At.Sequence is { } sequence)
        {
            parameters.Add(sequence);
            sql.Append(" AND sequence < $").Append(parameters.Count);
            return;
        }
        parameters.Add(HistoryPlan.ToMilliseconds(boundary.At.Time));
        sql.Append(" AND server_time < $").Append(parameters.Count);
    }

    private static DateTimeOffset ExclusiveLowerTime(DateTimeOffset time) => HistoryPlan.ToMilliseconds(time).AddMilliseconds(1);
}
