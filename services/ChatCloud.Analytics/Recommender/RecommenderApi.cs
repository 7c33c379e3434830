using System.Globalization;
using System.Text;
using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Connections;
using ChatCloud.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Analytics.Recommender;

/// <summary>
/// The recommender's and the connections' figures, administrators only, with the date range rules of
/// <see cref="ActivityApi"/> (docs/analytics.md):
/// <list type="bullet">
/// <item><c>GET /api/analytics/recommendations?from=&amp;to=</c> and <c>.csv</c> — impressions, clicks, CTR, joins after a recommendation, prefetch, the model in use</item>
/// <item><c>GET /api/analytics/connections?from=&amp;to=</c> and <c>.csv</c> — peak connections per hour by kind, weekly active accounts, retention</item>
/// </list>
/// </summary>
public static class RecommenderApi
{
    public static IEndpointRouteBuilder MapRecommenderApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/analytics").RequireAuthorization(ChatCloudPolicies.Admin);
        group.MapGet("/recommendations", async Task<Results<Ok<RecommenderReport>, ValidationProblem>> (string? from, string? to, RecommenderReports reports, TimeProvider time, CancellationToken cancellationToken) =>
            ActivityApi.Range(from, to, time) is ({ } start, { } end, null)
                ? TypedResults.Ok(await reports.ReadAsync(start, end, cancellationToken))
                : TypedResults.ValidationProblem(ActivityApi.Range(from, to, time).Errors!));
        group.MapGet("/recommendations.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (string? from, string? to, RecommenderReports reports, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (ActivityApi.Range(from, to, time) is not ({ } start, { } end, null))
            {
                return TypedResults.ValidationProblem(ActivityApi.Range(from, to, time).Errors!);
            }
            var csv = new StringBuilder("day,impressions,clicks,click_through_rate,dismissals,joins_after_recommendation,join_after_recommendation_rate,prefetch_hits,prefetch_misses,prefetch_hit_rate\n");
            foreach (var f in (await reports.ReadAsync(start, end, cancellationToken)).Days)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{f.Day:yyyy-MM-dd},{f.Impressions},{f.Clicks},{f.ClickThroughRate},{f.Dismissals},{f.JoinsAfterRecommendation},{f.JoinAfterRecommendationRate},{f.PrefetchHits},{f.PrefetchMisses},{f.PrefetchHitRate}\n");
            }
            return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"chatcloud-recommendations-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        });
        group.MapGet("/connections", async Task<Results<Ok<ConnectionsReport>, ValidationProblem>> (string? from, string? to, ConnectionsReports reports, TimeProvider time, CancellationToken cancellationToken) =>
            ActivityApi.Range(from, to, time) is ({ } start, { } end, null)
                ? TypedResults.Ok(await reports.ReadAsync(start, end, cancellationToken))
                : TypedResults.ValidationProblem(ActivityApi.Range(from, to, time).Errors!));
        group.MapGet("/connections.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (string? from, string? to, ConnectionsReports reports, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (ActivityApi.Range(from, to, time) is not ({ } start, { } end, null))
            {
                return TypedResults.ValidationProblem(ActivityApi.Range(from, to, time).Errors!);
            }
            var csv = new StringBuilder("hour,tcp,web\n");
            foreach (var hour in (await reports.ReadAsync(start, end, cancellationToken)).Hours)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{hour.Hour.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{hour.Tcp},{hour.Web}\n");
            }
            return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"chatcloud-connections-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        });
        return endpoints;
    }
}
