using Npgsql;

namespace ChatCloud.Analytics.Activity;

public sealed record DayActivity(DateOnly Day, long ActiveAccounts, long Messages, long Joins, long NewAccounts, long DirectMessages, long TcpSignIns, long WebSignIns);

public sealed record RoomTotal(string Room, long Messages, long Joins);

public sealed record HourTotal(DateTimeOffset Hour, long Messages);

/// <summary>Searches (in all, and by scope: <c>rooms</c>…) and rooms and direct conversations read in one hour.</summary>
public sealed record UsageHour(DateTimeOffset Hour, long Searches, IReadOnlyDictionary<string, long> SearchesByScope, long RoomReads, long DirectReads);

/// <summary>
/// The operators' activity figures for a range of whole days (UTC): per day, the busiest rooms,
/// messages per hour, and searches and reads per hour (only the hours with any).
/// </summary>
public sealed record ActivityReport(DateOnly From, DateOnly To, IReadOnlyList<DayActivity> Days, IReadOnlyList<RoomTotal> TopRooms, IReadOnlyList<HourTotal> Hours,
    IReadOnlyList<UsageHour> UsageHours);

public sealed class ActivityReports(NpgsqlDataSource dataSource)
{
    public const int TopRoomCount = 10;

    public async Task<ActivityReport> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Every day of the range, zeros included, so a chart has no holes.
        var days = await ReadListAsync(connection, """
            SELECT d::date,
                   (SELECT count(*) FROM analytics.active_accounts a WHERE a.day = d::date),
                   COALESCE((SELECT sum(messages) FROM analytics.room_hours r WHERE r.hour >= d AND r.hour < d + interval '1 day'), 0)::bigint,
                   COALESCE((SELECT sum(joins) FROM analytics.room_hours r WHERE r.hour >= d AND r.hour < d + interval '1 day'), 0)::bigint,
                   COALESCE(x.new_accounts, 0), COALESCE(x.direct_messages, 0), COALESCE(x.tcp_sign_ins, 0), COALESCE(x.web_sign_ins, 0)
            FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS d
            LEFT JOIN analytics.days x ON x.day = d::date
            ORDER BY 1
            """, [start, end], reader => new DayActivity(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)), cancellationToken);
        var rooms = await ReadListAsync(connection, """
            SELECT room, sum(messages)::bigint, sum(joins)::bigint FROM analytics.room_hours
            WHERE hour >= $1 AND hour < $2 GROUP BY room ORDER BY 2 DESC, 1 LIMIT $3
            """, [start, end, TopRoomCount], reader => new RoomTotal(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)), cancellationToken);
        var hours = await ReadListAsync(connection, """
            SELECT hour, sum(messages)::bigint FROM analytics.room_hours WHERE hour >= $1 AND hour < $2 GROUP BY hour ORDER BY hour
            """, [start, end], reader => new HourTotal(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1)), cancellationToken);
        var searches = await ReadListAsync(connection, """
            SELECT hour, scope, searches FROM analytics.search_hours WHERE hour >= $1 AND hour < $2 ORDER BY hour, scope
            """, [start, end], reader => (Hour: reader.GetFieldValue<DateTimeOffset>(0), Scope: reader.GetString(1), Searches: reader.GetInt64(2)), cancellationToken);
        var reads = (await ReadListAsync(connection, """
            SELECT hour, room_reads, direct_reads FROM analytics.read_hours WHERE hour >= $1 AND hour < $2
            """, [start, end], reader => (Hour: reader.GetFieldValue<DateTimeOffset>(0), Rooms: reader.GetInt64(1), Direct: reader.GetInt64(2)), cancellationToken))
            .ToDictionary(r => r.Hour);
        var usage = searches.Select(s => s.Hour).Concat(reads.Keys).Distinct().Order().Select(hour =>
        {
            var byScope = searches.Where(s => s.Hour == hour).ToDictionary(s => s.Scope, s => s.Searches, StringComparer.Ordinal);
            var read = reads.GetValueOrDefault(hour);
            return new UsageHour(hour, byScope.Values.Sum(), byScope, read.Rooms, read.Direct);
        }).ToList();
        return new ActivityReport(from, to, days, rooms, hours, usage);
    }

    internal static async Task<List<T>> ReadListAsync<T>(NpgsqlConnection connection, string sql, object[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }
        return list;
    }
}
