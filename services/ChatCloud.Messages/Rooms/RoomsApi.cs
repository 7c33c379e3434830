using ChatCloud.Contracts.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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
        endpoints.MapGet("/rooms", ListAsync);
        var rooms = endpoints.MapGroup("/rooms");
        rooms.MapGet("/{room}", GetAsync);
        rooms.MapPost("/{room}/join", JoinAsync);
        rooms.MapPost("/{room}/part", PartAsync);
        rooms.MapPost("/{room}/topic", TopicAsync);
        rooms.MapPost("/{room}/kick", KickAsync);
        rooms.MapPost("/{room}/modes", ModesAsync);
        rooms.MapPost("/{room}/invites", InviteAsync);
        rooms.MapPost("/{room}/redactions", RedactAsync);
        var members = endpoints.MapGroup("/members");
        members.MapPost("/quit", QuitAsync);
        members.MapPost("/rename", RenameAsync);
        members.MapPost("/host", ChangeHostAsync);
        endpoints.MapPost("/edges/{edge}/quit", QuitEdgeAsync);
        return endpoints;
    }

    // GET /rooms/{room} — the room as its authority holds it now.
    // Conversations share the rooms table; only a channel name can name a room here.
    private static async Task<Results<Ok<RoomSnapshot>, ProblemHttpResult>> GetAsync(string room, RoomMembership membership, CancellationToken cancellationToken) =>
        ChatCloud.Irc.IrcCaseMapping.IsValidChannelName(room) && await membership.FindAsync(room, cancellationToken) is { } snapshot
            ? TypedResults.Ok(snapshot)
            : (ProblemHttpResult)RoomRefusal.NoSuchChannel.ToProblem(room);

    // GET /rooms?mask=&mask=&min=&max=&limit=&asker= — LIST [<channel>{,<channel>}] [<elistcond>]
    // Every room with members, across edges; a secret room only when the asker is in it. At most
    // RoomListLimits.MaxRooms rows, whatever limit asks: a LIST of a large network stays bounded.
    private static async Task<Results<Ok<List<RoomListing>>, ProblemHttpResult>> ListAsync(
        [FromQuery] string[]? mask, int? min, int? max, int? limit, string? asker, RoomDirectory directory, CancellationToken cancellationToken)
    {
        var masks = mask ?? [];
        if (masks.Length > RoomListLimits.MaxMasks || masks.Any(string.IsNullOrEmpty) || min < 0 || max < 0 || limit < 1)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid list query",
                detail: $"mask: 0 to {RoomListLimits.MaxMasks} non-empty masks; min, max: whole numbers from 0; limit: from 1.");
        }
        var rows = Math.Min(limit ?? RoomListLimits.MaxRooms, RoomListLimits.MaxRooms);
        return TypedResults.Ok(await directory.ListAsync(masks, min ?? 0, max ?? int.MaxValue, rows, asker, cancellationToken));
    }

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

    // POST /rooms/{room}/topic — TOPIC <channel> :<topic>
    private static async Task<Results<NoContent, ProblemHttpResult>> TopicAsync(
        string room, TopicRequest request, RoomModeration moderation, CancellationToken cancellationToken) =>
        Invalid(request.Actor) ?? Done(await moderation.SetTopicAsync(room, request with { Topic = request.Topic ?? "" }, cancellationToken), room);

    // POST /rooms/{room}/kick — KICK <channel> <user> [<comment>]
    private static async Task<Results<NoContent, ProblemHttpResult>> KickAsync(
        string room, KickRequest request, RoomModeration moderation, CancellationToken cancellationToken) =>
        Invalid(request.Actor) ?? (string.IsNullOrEmpty(request.Target)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid target", detail: "target is the nick to kick.")
            : Done(await moderation.KickAsync(room, request, cancellationToken), room));

    // POST /rooms/{room}/modes — MODE <channel> <modestring> [<mode arguments>...]
    private static async Task<Results<Ok<ModeResult>, ProblemHttpResult>> ModesAsync(
        string room, ModeRequest request, RoomModes modes, CancellationToken cancellationToken)
    {
        if (Invalid(request.Actor) is { } invalid)
        {
            return invalid;
        }
        if (request.Changes is null || request.Changes.Count is 0 or > MaxModeChanges)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid changes",
                detail: $"changes holds 1 to {MaxModeChanges} mode changes.");
        }
        var (result, refused) = await modes.ChangeAsync(room, request, cancellationToken);
        return result is not null ? TypedResults.Ok(result) : (ProblemHttpResult)refused!.ToProblem(room);
    }

    // POST /rooms/{room}/invites — INVITE <nickname> <channel>
    private static async Task<Results<NoContent, ProblemHttpResult>> InviteAsync(
        string room, InviteRequest request, RoomModes modes, CancellationToken cancellationToken) =>
        Invalid(request.Actor) ?? (!ChatCloud.Irc.IrcCaseMapping.IsValidNickname(request.Target)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid target", detail: "target is not a valid nickname.")
            : Done(await modes.InviteAsync(room, request, cancellationToken), room));

    // POST /rooms/{room}/redactions — REDACT <target> <msgid> [:<reason>] (IRCv3 draft/message-redaction)
    private static async Task<Results<NoContent, ProblemHttpResult>> RedactAsync(
        string room, RedactRequest request, RoomRedaction redaction, CancellationToken cancellationToken) =>
        Invalid(request.Actor) ?? (string.IsNullOrEmpty(request.MessageId)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid message", detail: "messageId names the message to redact.")
            : Done(await redaction.RedactAsync(room, request, cancellationToken), room));

    /// <summary>Most changes one MODE carries (<c>MODES=</c> in ISUPPORT caps those with an argument).</summary>
    private const int MaxModeChanges = 20;

    // POST /members/quit — the member's connection ended: QUIT in every room it was in.
    private static async Task<Results<NoContent, ProblemHttpResult>> QuitAsync(
        QuitRequest request, MemberPresence presence, CancellationToken cancellationToken)
    {
        if (Invalid(request.Actor) is { } invalid)
        {
            return invalid;
        }
        await presence.QuitAsync(request with { Reason = request.Reason ?? "" }, cancellationToken);
        return TypedResults.NoContent();
    }

    // POST /edges/{edge}/quit — the edge is stopping: every member it held quits.
    private static async Task<Results<Ok<int>, ProblemHttpResult>> QuitEdgeAsync(
        string edge, EdgeQuitRequest request, MemberPresence presence, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(edge)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid edge", detail: "edge names the stopping edge.")
            : TypedResults.Ok(await presence.QuitEdgeAsync(edge, request.Reason ?? "", cancellationToken));

    // POST /members/rename — NICK <nickname>, in every room the member is in.
    private static async Task<Results<NoContent, ProblemHttpResult>> RenameAsync(
        RenameRequest request, MemberPresence presence, CancellationToken cancellationToken) =>
        Invalid(request.Actor) ?? (!ChatCloud.Irc.IrcCaseMapping.IsValidNickname(request.NewNick)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid nick", detail: "newNick is not a valid nickname.")
            : Done(await presence.RenameAsync(request, cancellationToken), request.NewNick));

    // POST /members/host — the member's new host (chghost), in every room it is in.
    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeHostAsync(
        HostChangeRequest request, MemberPresence presence, CancellationToken cancellationToken)
    {
        if (Invalid(request.Actor) is { } invalid)
        {
            return invalid;
        }
        if (string.IsNullOrWhiteSpace(request.NewHost) || request.NewHost.Length > 64 || request.NewHost.Any(c => c is ' ' or '!' or '@' || char.IsControl(c)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid host",
                detail: "newHost is 1 to 64 characters without spaces, '!', '@' or control characters.");
        }
        await presence.ChangeHostAsync(request, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Results<NoContent, ProblemHttpResult> Done(RoomRefusal? refused, string subject) =>
        refused is null ? TypedResults.NoContent() : (ProblemHttpResult)refused.ToProblem(subject);

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
