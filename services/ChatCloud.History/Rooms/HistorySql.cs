using System.Text;

namespace ChatCloud.History.Rooms;

/// <summary>
/// The SQL of the read path, over the messages service's view <c>messages.history_v1</c> only
/// (docs/architecture.md, "The history read path"). Parameters are positional; <c>$1</c> is always
/// the folded room name (or names).
/// </summary>
public static class HistorySql
{
    public const string View = "messages.history_v1";

    public const string Columns = "room, sequence, msgid, author_account, author_nick, author_user, author_host, kind, text, client_tags, server_time";

    public const string Resolve = $"SELECT sequence, server_time FROM {View} WHERE room_folded = $1 AND msgid = $2";

    /// <summary>One page: the bounds as WHERE clauses, read from the page's end, so LIMIT keeps the rows nearest it.</summary>
    public static (string Text, IReadOnlyList<object> Parameters) Page(string roomFolded, HistoryPage page)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM {View} WHERE room_folded = $1");
        var parameters = new List<object> { roomFolded };
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
