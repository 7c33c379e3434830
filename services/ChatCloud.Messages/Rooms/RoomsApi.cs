using ChatCloud.Contracts.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// The room authority's commands, called by the edges (docs/architecture.md, "Users and rooms
/// across edges"). Internal: mapped outside <c>/api/messages</c>, so the gateway does not expose
/// them; edges reach them by service discovery. Room names travel in the path, URL-encoded
/// (<c>%23lounge</c>). A refusal is a problem response carrying the IRC numeric to send
/// (<see cref="RoomProblem"/>).
/// </summary>
public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder endpoints)
    {
        var rooms = endpoints.MapGroup("/rooms");
        rooms.MapGet("/{room}", GetAsync);
        rooms.MapPost("/{room}/join", JoinAsync);
        rooms.MapPost("/{room}/part", PartAsync);
        return endpoints;
    }

    // GET /rooms/{room} — the room as its authority holds it now.
    private static async Task<Results<Ok<RoomSnapshot>, ProblemHttpResult>> GetAsync(string room, RoomMembership membership, CancellationToken cancellationToken) =>
        await membership.FindAsync(room, cancellationToken) is { } snapshot
            ? TypedResults.Ok(snapshot)
            : (ProblemHttpResult)RoomRefusal.NoSuchChannel.ToProblem(room);

    // POST /rooms/{room}/join — JOIN <channel> [<key>]
    private static async Task<Results<Ok<JoinResult>, ProblemHttpResult>> JoinAsync(
        string room, JoinRequest request, RoomMembership membership, CancellationToken cancellationToken)
    {
        if (Invalid(request.Actor) is { } invalid)
        {
            return invalid;
        }
        var (joined, refused) = await membership.JoinAsync(room, request, cancellationToken);
        return joined is not null ? TypedResults.Ok(joined) : (ProblemHttpResult)refused!.ToProblem(room);
    }

    // POST /rooms/{room}/part — PART <channel> [<reason>]
    private static async Task<Results<NoContent, ProblemHttpResult>> PartAsync(
        string room, PartRequest request, RoomMembership membership, CancellationToken cancellationToken)
    {
        if (Invalid(request.Actor) is { } invalid)
        {
            return invalid;
        }
        var (_, refused) = await membership.PartAsync(room, request, cancellationToken);
        return refused is null ? TypedResults.NoContent() : (ProblemHttpResult)refused.ToProblem(room);
    }

    private static ProblemHttpResult? Invalid(RoomActor? actor)
    {
        if (actor is null || !ChatCloud.Irc.IrcCaseMapping.IsValidNickname(actor.Nick)
            || string.IsNullOrWhiteSpace(actor.User) || string.IsNullOrWhiteSpace(actor.Host)
            || string.IsNullOrWhiteSpace(actor.Edge) || string.IsNullOrWhiteSpace(actor.Session))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid actor",
                detail: "actor needs a valid nick and non-empty user, host, edge and session.");
        }
        return null;
    }
}
