using System.Security.Claims;
using ChatCloud.Recommendations.EventHistory;
using ChatCloud.Recommendations.Online;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Recommendations.Api;

public sealed record SettingsRequest(bool? Personalised);

/// <summary>The rooms the caller is likely to open next, most likely first (<see cref="NextRoomPredictor"/>).</summary>
public sealed record NextRoomList(bool Personalised, IReadOnlyList<SuggestedItem> Items);

/// <summary>
/// The caller's own side of the recommender (policy <c>user</c>), docs/ml.md "HTTP API":
/// <list type="bullet">
/// <item><c>GET|PUT /api/recommendations/settings</c> <c>{"personalised": false}</c> — the opt-out of personalisation</item>
/// <item><c>GET /api/recommendations/next-rooms?count=3</c> — rooms to preload (the web app) or suggest (<c>/suggest</c>)</item>
/// </list>
/// </summary>
public static class PersonalApi
{
    public const int MaxNextRooms = 10;

    public static RouteGroupBuilder MapPersonalApi(this RouteGroupBuilder user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.MapGet("/settings", GetSettingsAsync);
        user.MapPut("/settings", PutSettingsAsync);
        user.MapGet("/next-rooms", GetNextRoomsAsync);
        return user;
    }

    private static async Task<Results<Ok<RecommendationSettings>, ProblemHttpResult>> GetSettingsAsync(
        ClaimsPrincipal caller, SettingsStore settings, CancellationToken cancellationToken) =>
        RecommendationsApi.Account(caller) is { Length: > 0 } account
            ? TypedResults.Ok(await settings.GetAsync(account, cancellationToken))
            : RecommendationsApi.BadRequest("The token names no account (sub).");

    /// <summary>Opting out also forgets the online features and the event history kept so far: from now on nothing personal is recorded or used.</summary>
    private static async Task<Results<Ok<RecommendationSettings>, ProblemHttpResult>> PutSettingsAsync(
        SettingsRequest? request, ClaimsPrincipal caller, SettingsStore settings, OnlineActivity online, InteractionStore history, CancellationToken cancellationToken)
    {
        if (request?.Personalised is not { } personalised)
        {
            return RecommendationsApi.BadRequest("Send {\"personalised\": true or false}.");
        }
        if (RecommendationsApi.Account(caller) is not { Length: > 0 } account)
        {
            return RecommendationsApi.BadRequest("The token names no account (sub).");
        }
        var updated = new RecommendationSettings(personalised);
        await settings.SetAsync(account, updated, cancellationToken);
        if (!personalised)
        {
            // After the row: a consumer that read the old setting a moment ago may still write once; the next opt-out call clears it.
            await online.ForgetAsync(account);
            await history.ForgetAccountAsync(account, foldedName: null, cancellationToken);
        }
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<Ok<NextRoomList>, ProblemHttpResult>> GetNextRoomsAsync(
        int? count, ClaimsPrincipal caller, SettingsStore settings, NextRoomHints hints, CancellationToken cancellationToken)
    {
        if (count is < 1 or > MaxNextRooms)
        {
            return RecommendationsApi.BadRequest($"count is between 1 and {MaxNextRooms}.");
        }
        if (RecommendationsApi.Account(caller) is not { Length: > 0 } account)
        {
            return RecommendationsApi.BadRequest("The token names no account (sub).");
        }
        if (!(await settings.GetAsync(account, cancellationToken)).Personalised)
        {
            return TypedResults.Ok(new NextRoomList(false, []));
        }
        var next = await hints.PredictAsync(account, count ?? 3);
        return TypedResults.Ok(new NextRoomList(true, [.. next.Select(n => new SuggestedItem(n.Room, n.Reason, n.Probability))]));
    }
}
