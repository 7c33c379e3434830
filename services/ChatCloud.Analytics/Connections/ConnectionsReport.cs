using ChatCloud.Analytics.Activity;
using Npgsql;

namespace ChatCloud.Analytics.Connections;

public sealed record ConnectionHour(DateTimeOffset Hour, long Tcp, long Web);

public sealed record ActiveWeek(DateOnly WeekStart, long ActiveAccounts);

/// <summary>Accounts created in the week starting <see cref="CohortWeek"/>, and the share of them active in week 0, 1, 2… after.</summary>
public sealed record RetentionCohort(DateOnly CohortWeek, long Accounts, IReadOnlyList<double> Retained);

public sealed record ConnectionsReport(DateOnly From, DateOnly To, IReadOnlyList<ConnectionHour> Hours, IReadOnlyList<ActiveWeek> Weeks, IReadOnlyList<RetentionCohort> Retention);

/// <summary>Concurrent connections by kind, weekly active accounts and retention by weekly cohort (docs/analytics.md).</summary>
public sealed class ConnectionsReports(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>A connection whose sign-out never came (its edge crashed) counts as open for at most this long.</summary>
    public static readonly TimeSpan LongestWithoutSignOut = TimeSpan.FromDays(1);

    public const int RetentionWeeks = 26;

    public async Task<ConnectionsReport> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The most open at once in each hour: the count only rises at an opening, so the peak is the
        // level at the hour's start or right after one of its openings.
        var peaks = await ActivityReports.ReadListAsync(connection, """
            WITH c AS MATERIALIZED (
                SELECT kind, opened_at, COALESCE(closed_at, opened_at + $3::interval) AS ends_at FROM analytics.connections
                WHERE opened_at IS NOT NULL AND opened_at < $2 AND COALESCE(closed_at, opened_at + $3::interval) > $1)
            SELECT h, k,
                   GREATEST((SELECT count(*) FROM c WHERE c.kind = k AND c.opened_at <= h AND c.ends_at > h),
                            COALESCE((SELECT max((SELECT count(*) FROM c c2 WHERE c2.kind = k AND c2.opened_at <= c1.opened_at AND c2.ends_at > c1.opened_at))
                                      FROM c c1 WHERE c1.kind = k AND c1.opened_at >= h AND c1.opened_at < h + interval '1 hour'), 0))
            FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS h, unnest(ARRAY['tcp', 'web']) AS k
            ORDER BY 1, 2
            """, [start, end, LongestWithoutSignOut], reader => (Hour: reader.GetFieldValue<DateTimeOffset>(0), Kind: reader.GetString(1), Peak: reader.GetInt64(2)), cancellationToken);
        var hours = peaks.GroupBy(p => p.Hour).Select(g => new ConnectionHour(g.Key, g.Single(p => p.Kind == "tcp").Peak, g.Single(p => p.Kind == "web").Peak)).ToList();
        var weeks = await ActivityReports.ReadListAsync(connection, """
            SELECT w::date, (SELECT count(DISTINCT a.account) FROM analytics.active_accounts a WHERE a.day >= w::date AND a.day < w::date + 7)
            FROM generate_series(date_trunc('week', $1::date::timestamp), $2::date::timestamp, interval '7 days') AS w
            ORDER BY 1
            """, [from, to], reader => new ActiveWeek(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1)), cancellationToken);
        return new ConnectionsReport(from, to, hours, weeks, await RetentionAsync(connection, from, to, cancellationToken));
    }

    private async Task<List<RetentionCohort>> RetentionAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sizes = await ActivityReports.ReadListAsync(connection, """
            SELECT date_trunc('week', created_day::timestamp)::date, count(*) FROM analytics.accounts
            WHERE created_day >= date_trunc('week', $1::date::timestamp)::date AND created_day <= $2 GROUP BY 1 ORDER BY 1
            """, [from, to], reader => (Week: reader.GetFieldValue<DateOnly>(0), Accounts: reader.GetInt64(1)), cancellationToken);
        var active = await ActivityReports.ReadListAsync(connection, """
            SELECT date_trunc('week', a.created_day::timestamp)::date,
                   (date_trunc('week', x.day::timestamp)::date - date_trunc('week', a.created_day::timestamp)::date) / 7,
                   count(DISTINCT a.account)
            FROM analytics.accounts a JOIN analytics.active_accounts x ON x.account = a.account AND x.day >= a.created_day
            WHERE a.created_day >= date_trunc('week', $1::date::timestamp)::date AND a.created_day <= $2
            GROUP BY 1, 2
            """, [from, to], reader => (Week: reader.GetFieldValue<DateOnly>(0), Offset: reader.GetInt32(1), Accounts: reader.GetInt64(2)), cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. sizes.Select(cohort =>
        {
            var weeksSoFar = Math.Min(RetentionWeeks, ((today.DayNumber - cohort.Week.DayNumber) / 7) + 1);
            var retained = Enumerable.Range(0, weeksSoFar)
                .Select(k => Math.Round((double)active.Where(a => a.Week == cohort.Week && a.Offset == k).Sum(a => a.Accounts) / cohort.Accounts, 4))
                .ToList();
            return new RetentionCohort(cohort.Week, cohort.Accounts, retained);
        })];
    }
}
