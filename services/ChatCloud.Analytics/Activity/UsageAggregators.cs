using ChatCloud.Analytics.Replay;
using ChatCloud.Contracts.Activity;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>A search, by what was searched: neither the query nor who searched is kept.</summary>
public sealed record Search(string Scope, DateTimeOffset At);

/// <summary>A room (or a direct conversation, which stays unnamed) read: counted, not who read it.</summary>
public sealed record Read(bool Direct, DateTimeOffset At);

/// <summary>Searches per hour by scope (<c>activity.searched.v1</c>, from the web app's room search and IRC <c>LIST</c> with a pattern).</summary>
public sealed class SearchesAggregator(NpgsqlDataSource dataSource) : Aggregator<Searched, Search>(dataSource)
{
    /// <summary>Scopes are the publishers' constants; a longer one is not a scope but a fault, and is not a column header to keep.</summary>
    public const int MaxScopeLength = 32;

    protected override Search? FactOf(Searched searched) =>
        searched.Scope.Length is > 0 and <= MaxScopeLength ? new Search(searched.Scope, searched.OccurredAt) : null;

    protected override Guid? AccountOf(Search fact) => null;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Search> facts, CancellationToken cancellationToken)
    {
        foreach (var bucket in facts.GroupBy(f => (Hours.Of(f.At), f.Scope)))
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO analytics.search_hours (hour, scope, searches) VALUES ($1, $2, $3)
                ON CONFLICT (hour, scope) DO UPDATE SET searches = search_hours.searches + EXCLUDED.searches
                """, cancellationToken, bucket.Key.Item1, bucket.Key.Scope, (long)bucket.Count());
        }
    }
}

/// <summary>Rooms and direct conversations read (opened and looked at) per hour (<c>activity.room-read.v1</c>: MARKREAD, the web app's mark-read).</summary>
public sealed class ReadsAggregator(NpgsqlDataSource dataSource) : Aggregator<RoomRead, Read>(dataSource)
{
    protected override Read FactOf(RoomRead read) => new(read.Target == RoomRead.Direct, read.OccurredAt);

    protected override Guid? AccountOf(Read fact) => null;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Read> facts, CancellationToken cancellationToken)
    {
        foreach (var bucket in facts.GroupBy(f => Hours.Of(f.At)))
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO analytics.read_hours (hour, room_reads, direct_reads) VALUES ($1, $2, $3)
                ON CONFLICT (hour) DO UPDATE SET room_reads = read_hours.room_reads + EXCLUDED.room_reads, direct_reads = read_hours.direct_reads + EXCLUDED.direct_reads
                """, cancellationToken, bucket.Key, (long)bucket.Count(f => !f.Direct), (long)bucket.Count(f => f.Direct));
        }
    }
}
