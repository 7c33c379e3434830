using ChatCloud.Analytics.Activity;
using Npgsql;

namespace ChatCloud.Analytics.Recommender;

public sealed record RecommenderFigures(
    long Impressions, long Clicks, double ClickThroughRate, long Dismissals, long JoinsAfterRecommendation, double JoinAfterRecommendationRate,
    long PrefetchHits, long PrefetchMisses, double PrefetchHitRate, double PrefetchHitMilliseconds, double PrefetchMissMilliseconds);

/// <summary>One day's figures, flat (as docs/analytics.md shows them).</summary>
public sealed record RecommenderDay(
    DateOnly Day, long Impressions, long Clicks, double ClickThroughRate, long Dismissals, long JoinsAfterRecommendation, double JoinAfterRecommendationRate,
    long PrefetchHits, long PrefetchMisses, double PrefetchHitRate, double PrefetchHitMilliseconds, double PrefetchMissMilliseconds)
{
    public static RecommenderDay Of(DateOnly day, RecommenderFigures f) => new(day, f.Impressions, f.Clicks, f.ClickThroughRate, f.Dismissals,
        f.JoinsAfterRecommendation, f.JoinAfterRecommendationRate, f.PrefetchHits, f.PrefetchMisses, f.PrefetchHitRate, f.PrefetchHitMilliseconds,
        f.PrefetchMissMilliseconds);
}

public sealed record ModelInUse(
    int Version, DateTimeOffset ActivatedAt, DateTimeOffset TrainedAt, string Protocol, int K, double HitRate, double Ndcg,
    double PopularityHitRate, double RandomHitRate)
{
    public double LiftOverPopularity => PopularityHitRate == 0 ? 0 : Math.Round(HitRate / PopularityHitRate, 2);
}

/// <summary>Whether the recommendations help (docs/analytics.md): per day and in total for a range, and the model in use now.</summary>
public sealed record RecommenderReport(DateOnly From, DateOnly To, IReadOnlyList<RecommenderDay> Days, RecommenderFigures Totals, ModelInUse? Model);

public sealed class RecommenderReports(NpgsqlDataSource dataSource)
{
    /// <summary>A join counts as following a recommendation when the room was shown to the account within this long before.</summary>
    public static readonly TimeSpan JoinWindow = TimeSpan.FromHours(24);

    private sealed record Raw(DateOnly Day, long Impressions, long Clicks, long Dismissals, long JoinsAfter, long RoomImpressions,
        long Hits, long Misses, double HitMs, double MissMs);

    public async Task<RecommenderReport> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Joins and impressions are paired here, not when counted: their queues deliver in any order.
        var raw = await ActivityReports.ReadListAsync(connection, """
            SELECT d::date, COALESCE(r.impressions, 0), COALESCE(r.clicks, 0), COALESCE(r.dismissals, 0),
                   (SELECT count(*) FROM analytics.room_joins j
                     WHERE j.joined_at >= d AND j.joined_at < d + interval '1 day'
                       AND EXISTS (SELECT 1 FROM analytics.room_impressions i
                                    WHERE i.account = j.account AND i.room = j.room AND i.shown_at <= j.joined_at AND i.shown_at > j.joined_at - $3::interval)),
                   (SELECT count(*) FROM analytics.room_impressions i WHERE i.shown_at >= d AND i.shown_at < d + interval '1 day'),
                   COALESCE(r.prefetch_hits, 0), COALESCE(r.prefetch_misses, 0), COALESCE(r.hit_milliseconds, 0), COALESCE(r.miss_milliseconds, 0)
            FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS d
            LEFT JOIN analytics.recommender_days r ON r.day = d::date
            ORDER BY 1
            """, [start, end, JoinWindow], reader => new Raw(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetDouble(8), reader.GetDouble(9)), cancellationToken);
        var models = await ActivityReports.ReadListAsync(connection, """
            SELECT version, activated_at, trained_at, protocol, k, hit_rate, ndcg, popularity_hit_rate, random_hit_rate
            FROM analytics.models ORDER BY activated_at DESC, version DESC LIMIT 1
            """, [], reader => new ModelInUse(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3), reader.GetInt32(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8)), cancellationToken);
        var total = raw.Aggregate(new Raw(from, 0, 0, 0, 0, 0, 0, 0, 0, 0), (a, d) => new Raw(from, a.Impressions + d.Impressions, a.Clicks + d.Clicks,
            a.Dismissals + d.Dismissals, a.JoinsAfter + d.JoinsAfter, a.RoomImpressions + d.RoomImpressions, a.Hits + d.Hits, a.Misses + d.Misses,
            a.HitMs + d.HitMs, a.MissMs + d.MissMs));
        return new RecommenderReport(from, to, [.. raw.Select(d => RecommenderDay.Of(d.Day, Figures(d)))], Figures(total), models.FirstOrDefault());
    }

    private static RecommenderFigures Figures(Raw r) => new(
        r.Impressions, r.Clicks, Rate(r.Clicks, r.Impressions), r.Dismissals, r.JoinsAfter, Rate(r.JoinsAfter, r.RoomImpressions),
        r.Hits, r.Misses, Rate(r.Hits, r.Hits + r.Misses), r.Hits == 0 ? 0 : Math.Round(r.HitMs / r.Hits, 2), r.Misses == 0 ? 0 : Math.Round(r.MissMs / r.Misses, 2));

    /// <summary>0 when nothing was there to divide by, so a chart has no holes.</summary>
    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
