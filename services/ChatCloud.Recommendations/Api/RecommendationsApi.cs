using System.Security.Claims;
using ChatCloud.Authentication;
using ChatCloud.Recommendations.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Recommendations.Api;

public sealed record DismissRequest(string? Kind, string? Target);

public sealed record ModelsOverview(int? InUse, RetrainingStatus Retraining, IReadOnlyList<ModelCard> Versions);

/// <summary>
/// The recommendations API (issue 7), for the signed-in caller (policy <c>user</c>):
/// <list type="bullet">
/// <item><c>GET /api/recommendations/rooms?count=N</c> — rooms to join, each with a short reason</item>
/// <item><c>GET /api/recommendations/people?count=N</c> — people to talk to</item>
/// <item><c>POST /api/recommendations/dismiss</c> <c>{"kind":"room"|"person","target":…}</c> — never suggest it again</item>
/// </list>
/// and for operators (policy <c>admin</c>): <c>GET /api/recommendations/models</c> (versions, figures,
/// the retraining log) and <c>POST /api/recommendations/models/retrain</c>.
/// </summary>
public static class RecommendationsApi
{
    public const int MaxCount = 20;
    private const int MaxTargetLength = 200;

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/recommendations");
        var user = api.MapGroup("").RequireAuthorization(ChatCloudPolicies.User);
        user.MapGet("/rooms", GetRoomsAsync);
        user.MapGet("/people", GetPeopleAsync);
        user.MapPost("/dismiss", DismissAsync);
        var admin = api.MapGroup("/models").RequireAuthorization(ChatCloudPolicies.Admin);
        admin.MapGet("", GetModels);
        admin.MapPost("/retrain", Retrain);
        return endpoints;
    }

    private static async Task<Results<Ok<SuggestionList>, ProblemHttpResult>> GetRoomsAsync(
        int? count, ClaimsPrincipal caller, ModelHolder holder, DismissalStore dismissals, CancellationToken cancellationToken)
    {
        if (Check(count, caller, holder) is { } problem)
        {
            return problem;
        }
        var dismissed = await dismissals.ListAsync(Account(caller), DismissedKind.Room, cancellationToken);
        return TypedResults.Ok(Suggestions.Rooms(holder.Current!, Account(caller), count ?? 5, dismissed));
    }

    private static async Task<Results<Ok<SuggestionList>, ProblemHttpResult>> GetPeopleAsync(
        int? count, ClaimsPrincipal caller, ModelHolder holder, DismissalStore dismissals, CancellationToken cancellationToken)
    {
        if (Check(count, caller, holder) is { } problem)
        {
            return problem;
        }
        var dismissed = await dismissals.ListAsync(Account(caller), DismissedKind.Person, cancellationToken);
        dismissed.Add(Account(caller));
        return TypedResults.Ok(Suggestions.People(holder.Current!, Account(caller), count ?? 5, dismissed));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(
        DismissRequest? request, ClaimsPrincipal caller, DismissalStore dismissals, CancellationToken cancellationToken)
    {
        DismissedKind? kind = request?.Kind switch { "room" => DismissedKind.Room, "person" => DismissedKind.Person, _ => null };
        if (kind is null || string.IsNullOrWhiteSpace(request?.Target) || request.Target.Length > MaxTargetLength)
        {
            return BadRequest($"Send {{\"kind\": \"room\" or \"person\", \"target\": an id of at most {MaxTargetLength} characters}}.");
        }
        if (Account(caller).Length == 0)
        {
            return BadRequest("The token names no account (sub).");
        }
        return await dismissals.AddAsync(Account(caller), kind.Value, request.Target, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many dismissals",
                detail: $"An account keeps at most {DismissalStore.MaxPerAccount} dismissals.");
    }

    private static Ok<ModelsOverview> GetModels(ModelHolder holder, ModelStore store, RetrainingProgress progress) =>
        TypedResults.Ok(new ModelsOverview(holder.Current?.Card.Version, progress.Status, store.List()));

    private static Accepted<RetrainingStatus> Retrain(RetrainingService retraining, RetrainingProgress progress)
    {
        retraining.RequestRetraining("requested by an operator");
        return TypedResults.Accepted("/api/recommendations/models", progress.Status);
    }

    private static ProblemHttpResult? Check(int? count, ClaimsPrincipal caller, ModelHolder holder) =>
        count is < 1 or > MaxCount ? BadRequest($"count is between 1 and {MaxCount}.")
        : Account(caller).Length == 0 ? BadRequest("The token names no account (sub).")
        : holder.Current is null ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Recommendations are not ready yet", detail: "The first model is being trained; try again in a minute.")
        : null;

    private static string Account(ClaimsPrincipal caller) => caller.FindFirst("sub")?.Value ?? "";

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid recommendations request", detail: detail);
}
