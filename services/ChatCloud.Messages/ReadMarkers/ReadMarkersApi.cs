using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Irc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Messages.ReadMarkers;

/// <summary>
/// Read positions of an account (IRCv3 draft/read-marker), asked by the edges for MARKREAD. Internal,
/// as the room authority's API is: mapped outside <c>/api/messages</c>, so the gateway does not expose
/// it; only the edge, which knows which account a connection is logged in to, names the account.
/// </summary>
public static class ReadMarkersApi
{
    public static IEndpointRouteBuilder MapReadMarkersApi(this IEndpointRouteBuilder endpoints)
    {
        var markers = endpoints.MapGroup("/accounts/{account:guid}/read-markers");
        markers.MapGet("/{target}", GetAsync);
        markers.MapPost("/", SetAsync);
        return endpoints;
    }

    // GET /accounts/{account}/read-markers/{target} — MARKREAD <target>
    private static async Task<Results<Ok<ReadMarker>, ProblemHttpResult>> GetAsync(
        Guid account, string target, ReadMarkerStore store, CancellationToken cancellationToken) =>
        IsTarget(target) ? TypedResults.Ok(await store.GetAsync(account, target, cancellationToken)) : InvalidTarget();

    // POST /accounts/{account}/read-markers — MARKREAD <target> timestamp=…
    private static async Task<Results<Ok<ReadMarker>, ProblemHttpResult>> SetAsync(
        Guid account, ReadMarkerRequest request, ReadMarkerStore store, CancellationToken cancellationToken) =>
        !IsTarget(request.Target) ? InvalidTarget()
        : string.IsNullOrWhiteSpace(request.Edge) || string.IsNullOrWhiteSpace(request.Session)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid origin", detail: "edge and session name the connection that sets it.")
            : TypedResults.Ok(await store.SetAsync(account, request, cancellationToken));

    /// <summary>A room, or the nick that names a direct conversation, as MARKREAD's target.</summary>
    private static bool IsTarget(string? target) =>
        target is not null && (IrcCaseMapping.IsValidChannelName(target) || IrcCaseMapping.IsValidNickname(target));

    private static ProblemHttpResult InvalidTarget() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid target", detail: "target is a room or a nick.");
}
