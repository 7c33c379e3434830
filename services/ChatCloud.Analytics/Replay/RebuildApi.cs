using ChatCloud.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Analytics.Replay;

/// <summary>
/// <c>POST /api/analytics/rebuild[?acceptLoss=true]</c>, administrators only: the aggregates cleared
/// and folded again from the event log (docs/analytics.md, "Replay"). When the log no longer holds
/// everything (pruned, or begun after the figures), 409 says from when, and nothing changes unless
/// <c>acceptLoss=true</c> confirms that the figures before that go.
/// </summary>
public static class RebuildApi
{
    public static IEndpointRouteBuilder MapRebuildApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/analytics/rebuild", async Task<Results<Ok<RebuildResult>, ProblemHttpResult>> (
            bool? acceptLoss, AggregatesRebuild rebuild, CancellationToken cancellationToken) =>
        {
            var (result, done) = await rebuild.RunAsync(acceptLoss ?? false, cancellationToken);
            return done
                ? TypedResults.Ok(result)
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The event log is incomplete",
                    detail: $"The log holds every counted event only from {result.IncompleteBefore:O}; a rebuild would lose the figures before. Add acceptLoss=true to rebuild anyway.");
        }).RequireAuthorization(ChatCloudPolicies.Admin);
        return endpoints;
    }
}
