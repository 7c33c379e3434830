using System.Globalization;
using System.Text;
using ChatCloud.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Analytics.Activity;

/// <summary>
/// The operators' figures, administrators only (issue 7), under the gateway's <c>/api/analytics</c>:
/// <list type="bullet">
/// <item><c>GET /api/analytics/activity?from=2026-11-01&amp;to=2026-11-26</c> — days (UTC, both ends included; the last 7 by default, at most 366)</item>
/// <item><c>GET /api/analytics/activity.csv?…</c> — the same days as CSV, for a spreadsheet</item>
/// <item><c>GET /api/analytics/usage.csv?…</c> — searches (by scope) and reads per hour as CSV</item>
/// </list>
/// </summary>
public static class ActivityApi
{
    public const int MaxDays = 366;

    public static IEndpointRouteBuilder MapActivityApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/analytics").RequireAuthorization(ChatCloudPolicies.Admin);
        group.MapGet("/activity", async Task<Results<Ok<ActivityReport>, ValidationProblem>> (string? from, string? to, ActivityReports reports, TimeProvider time, CancellationToken cancellationToken) =>
            Range(from, to, time) is ({ } start, { } end, null)
                ? TypedResults.Ok(await reports.ReadAsync(start, end, cancellationToken))
                : TypedResults.ValidationProblem(Range(from, to, time).Errors!));
        group.MapGet("/activity.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (string? from, string? to, ActivityReports reports, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (Range(from, to, time) is not ({ } start, { } end, null))
            {
                return TypedResults.ValidationProblem(Range(from, to, time).Errors!);
            }
            var report = await reports.ReadAsync(start, end, cancellationToken);
            var csv = new StringBuilder("day,active_accounts,messages,joins,new_accounts,direct_messages,tcp_sign_ins,web_sign_ins\n");
            foreach (var day in report.Days)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{day.Day:yyyy-MM-dd},{day.ActiveAccounts},{day.Messages},{day.Joins},{day.NewAccounts},{day.DirectMessages},{day.TcpSignIns},{day.WebSignIns}\n");
            }
            return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"chatcloud-activity-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        });
        group.MapGet("/usage.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (string? from, string? to, ActivityReports reports, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (Range(from, to, time) is not ({ } start, { } end, null))
            {
                return TypedResults.ValidationProblem(Range(from, to, time).Errors!);
            }
            var hours = (await reports.ReadAsync(start, end, cancellationToken)).UsageHours;
            // One column per scope seen in the range; scopes are the publishers' short constants.
            var scopes = hours.SelectMany(h => h.SearchesByScope.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var csv = new StringBuilder("hour,searches,room_reads,direct_reads");
            csv.AppendJoin("", scopes.Select(scope => $",searches_{scope}")).Append('\n');
            foreach (var hour in hours)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{hour.Hour.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{hour.Searches},{hour.RoomReads},{hour.DirectReads}");
                csv.AppendJoin("", scopes.Select(scope => string.Create(CultureInfo.InvariantCulture, $",{hour.SearchesByScope.GetValueOrDefault(scope)}"))).Append('\n');
            }
            return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"chatcloud-usage-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        });
        return endpoints;
    }

    /// <summary>The range asked for, or why it cannot be answered.</summary>
    public static (DateOnly? From, DateOnly? To, Dictionary<string, string[]>? Errors) Range(string? from, string? to, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var end = Parse(to, today, "to", errors);
        var start = Parse(from, end.AddDays(-6), "from", errors);
        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["'from' is after 'to'."];
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            errors["from"] = [$"A report covers at most {MaxDays} days."];
        }
        return errors.Count == 0 ? (start, end, null) : (null, null, errors);
    }

    private static DateOnly Parse(string? value, DateOnly fallback, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = [$"'{field}' is a date like 2026-11-26."];
        return fallback;
    }
}
