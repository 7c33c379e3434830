using System.Security.Claims;
using ChatCloud.Authentication;
using ChatCloud.Contracts.Recommendations;
using ChatCloud.Messaging;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Online;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Recommendations.Api;

public sealed record DismissRequest(string? Kind, string? Target);

public sealed record AcceptRequest(string? Kind, string? Target, int? ModelVersion);

/// <summary>The models' status: <see cref="TrainingData"/> is what the last run's choice of data saw (null before the first run).</summary>
public sealed record ModelsOverview(int? InUse, RetrainingStatus Retraining, IReadOnlyList<ModelCard> Versions, TrainingDataChoice? TrainingData);

/// <summary>
/// The recommendations API (issue 7), for the signed-in caller (policy <c>user</c>):
/// <list type="bullet">
/// <item><c>GET /api/recommendations/rooms?count=N</c> — rooms to join, each with a short reason</item>
/// <item><c>GET /api/recommendations/people?count=N</c> — people to talk to</item>
/// <item><c>POST /api/recommendations/dismiss</c> <c>{"kind":"room"|"person","target":…}</c> — never suggest it again</item>
/// <item><c>POST /api/recommendations/accept</c> <c>{"kind":…,"target":…,"modelVersion":3}</c> — the user followed a suggestion</item>
/// <item>settings and next-rooms: <see cref="PersonalApi"/></item>
/// </list>
/// Serving a list, a dismissal and an acceptance are published as user activity (impressions, dismissals, clicks).
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
        user.MapPost("/accept", Accept);
        user.MapPersonalApi();
        var admin = api.MapGroup("/models").RequireAuthorization(ChatCloudPolicies.Admin);
        admin.MapGet("", GetModels);
        admin.MapPost("/retrain", Retrain);
        return endpoints;
    }

    private static async Task<Results<Ok<SuggestionList>, ProblemHttpResult>> GetRoomsAsync(
        int? count, ClaimsPrincipal caller, ModelHolder holder, DismissalStore dismissals, SuggestionSignals signals, BestEffortPublisher activity,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Check(count, caller, holder) is { } problem)
        {
            return problem;
        }
        var serving = holder.Current!;
        var dismissed = await dismissals.ListAsync(Account(caller), DismissedKind.Room, cancellationToken);
        var list = Suggestions.Rooms(serving, Account(caller), count ?? 5, dismissed, await signals.ReadAsync(Account(caller), cancellationToken));
        Shown(activity, time, caller, SuggestionKind.Room, list);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<SuggestionList>, ProblemHttpResult>> GetPeopleAsync(
        int? count, ClaimsPrincipal caller, ModelHolder holder, DismissalStore dismissals, SuggestionSignals signals, BestEffortPublisher activity,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Check(count, caller, holder) is { } problem)
        {
            return problem;
        }
        var serving = holder.Current!;
        var dismissed = await dismissals.ListAsync(Account(caller), DismissedKind.Person, cancellationToken);
        dismissed.Add(Account(caller));
        var list = Suggestions.People(serving, Account(caller), count ?? 5, dismissed, await signals.ReadAsync(Account(caller), cancellationToken));
        Shown(activity, time, caller, SuggestionKind.Person, list);
        return TypedResults.Ok(list);
    }

    /// <summary>The impressions: what was served, in order, to an account (a UUID subject; other subjects are not counted).</summary>
    private static void Shown(BestEffortPublisher activity, TimeProvider time, ClaimsPrincipal caller, string kind, SuggestionList list)
    {
        if (list.Items.Count > 0 && Guid.TryParse(Account(caller), out var account))
        {
            activity.Publish(new RecommendationsShown(account, kind, [.. list.Items.Select(i => i.Id)], list.ModelVersion, list.Personalised)
            {
                OccurredAt = time.GetUtcNow(),
            });
        }
    }

    // POST /api/recommendations/accept {"kind": "room" | "person", "target": "…", "modelVersion": 3}
    private static Results<NoContent, ProblemHttpResult> Accept(AcceptRequest? request, ClaimsPrincipal caller, BestEffortPublisher activity, TimeProvider time)
    {
        var kind = KindOf(request?.Kind);
        if (kind is null || string.IsNullOrWhiteSpace(request?.Target) || request.Target.Length > MaxTargetLength || request.ModelVersion is < 0)
        {
            return BadRequest($"Send {{\"kind\": \"room\" or \"person\", \"target\": an id of at most {MaxTargetLength} characters, \"modelVersion\": the list's (optional)}}.");
        }
        if (!Guid.TryParse(Account(caller), out var account))
        {
            return BadRequest("The token names no account (sub).");
        }
        activity.Publish(new RecommendationClicked(account, kind == DismissedKind.Room ? SuggestionKind.Room : SuggestionKind.Person, Target(kind.Value, request.Target),
            request.ModelVersion) { OccurredAt = time.GetUtcNow() });
        return TypedResults.NoContent();
    }

    private static DismissedKind? KindOf(string? kind) => kind switch { "room" => DismissedKind.Room, "person" => DismissedKind.Person, _ => null };

    /// <summary>Rooms are compared folded (the form the suggestions and every aggregate use); people as given.</summary>
    private static string Target(DismissedKind kind, string target) =>
        kind == DismissedKind.Room ? ChatCloud.Irc.IrcCaseMapping.Rfc1459.Fold(target) : target;

    private static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(
        DismissRequest? request, ClaimsPrincipal caller, DismissalStore dismissals, BestEffortPublisher activity, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = KindOf(request?.Kind);
        if (kind is null || string.IsNullOrWhiteSpace(request?.Target) || request.Target.Length > MaxTargetLength)
        {
            return BadRequest($"Send {{\"kind\": \"room\" or \"person\", \"target\": an id of at most {MaxTargetLength} characters}}.");
        }
        if (Account(caller).Length == 0)
        {
            return BadRequest("The token names no account (sub).");
        }
        if (!await dismissals.AddAsync(Account(caller), kind.Value, Target(kind.Value, request.Target), cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many dismissals",
                detail: $"An account keeps at most {DismissalStore.MaxPerAccount} dismissals.");
        }
        if (Guid.TryParse(Account(caller), out var account))
        {
            activity.Publish(new RecommendationDismissed(account, kind == DismissedKind.Room ? SuggestionKind.Room : SuggestionKind.Person,
                Target(kind.Value, request.Target)) { OccurredAt = time.GetUtcNow() });
        }
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ModelsOverview>> GetModels(ModelHolder holder, ModelStore store, RetrainingProgress progress, TrainingDataSelector data,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new ModelsOverview(holder.Current?.Card.Version, progress.Status, await store.ListAsync(cancellationToken), data.LastChoice));

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

    internal static string Account(ClaimsPrincipal caller) => caller.FindFirst("sub")?.Value is { } subject ? Accounts.Key(subject) : "";

    internal static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid recommendations request", detail: detail);
}
