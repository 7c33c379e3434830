using System.Globalization;
using System.Security.Claims;
using ChatCloud.History.Access;
using ChatCloud.History.Prefetch;
using ChatCloud.Contracts.History;
using ChatCloud.Irc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.History.Rooms;

/// <summary>
/// The read API, one query per CHATHISTORY subcommand (IRCv3 chathistory), so the edge maps a command
/// onto one request. References are written as on IRC: <c>msgid=…</c> or <c>timestamp=…</c>.
/// <list type="bullet">
/// <item><c>GET /api/history/rooms/{room}/messages?latest=*|ref&amp;limit=N</c> (likewise <c>before</c>, <c>after</c>, <c>around</c>)</item>
/// <item><c>GET /api/history/rooms/{room}/messages?from=ref&amp;to=ref&amp;limit=N</c> — BETWEEN, either direction</item>
/// <item><c>GET /api/history/targets?room=…&amp;room=…&amp;from=timestamp=…&amp;to=timestamp=…&amp;limit=N</c> — TARGETS among the given rooms</item>
/// </list>
/// Messages come oldest first; a limit above <see cref="HistoryPlan.MaxLimit"/> is cut to it. A room's
/// messages are PRIVMSG and NOTICE; with <c>events=true</c> (draft/event-playback) also the JOIN, PART,
/// QUIT, KICK, MODE, TOPIC and NICK events of its stream, each with its <c>arguments</c>.
/// </summary>
public static class RoomHistoryApi
{
    /// <summary>The problem type of a msgid the room does not have; the edge answers it with a FAIL.</summary>

    public static IEndpointRouteBuilder MapRoomHistoryApi(this IEndpointRouteBuilder endpoints)
    {
        var history = endpoints.MapGroup("/api/history");
        history.MapGet("/rooms/{room}/messages", GetMessagesAsync);
        history.MapGet("/targets", GetTargetsAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<RoomHistory>, ProblemHttpResult>> GetMessagesAsync(
        string room,
        [FromQuery] string? latest, [FromQuery] string? before, [FromQuery] string? after, [FromQuery] string? around,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit, [FromQuery] bool? events,
        [FromHeader(Name = HistoryHeaders.OnBehalfOf)] string? onBehalfOf,
        ClaimsPrincipal user, RoomHistoryStore store, RoomAccessStore access, LatestPageReads latestPages, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        if (!IrcCaseMapping.IsValidChannelName(room, MaxRoomLength))
        {
            return HistoryResults.BadRequest($"'{HistoryResults.Cut(room)}' is not a room name.");
        }
        if (!MessageQuery.TryParse(latest, before, after, around, from, to, limit, out var query, out var invalid))
        {
            return invalid!;
        }
        var (selector, first, second, count) = query;

        var folded = IrcCaseMapping.Rfc1459.Fold(room);
        try
        {
            var caller = HistoryCaller.From(user, onBehalfOf);
            if (await RoomAccess.CheckAsync(caller, folded, access, cancellationToken) is { } refused)
            {
                return refused;
            }
            var opening = LatestPageReads.Applies(query, events);
            if (opening && await latestPages.CachedAsync(folded, HistoryPlan.ClampLimit(count)) is { } cached)
            {
                await latestPages.ReportAsync(caller, folded, cached: true, startedAt);
                return TypedResults.Ok(cached);
            }
            var (firstPosition, firstProblem) = await HistoryResults.ResolveAsync(store, HistorySource.Rooms, folded, first, cancellationToken);
            var (secondPosition, secondProblem) = await HistoryResults.ResolveAsync(store, HistorySource.Rooms, folded, second, cancellationToken);
            if ((firstProblem ?? secondProblem) is { } problem)
            {
                return problem;
            }
            var pages = HistoryPlan.For(selector, firstPosition, secondPosition, count);
            var source = events is true ? HistorySource.RoomEvents : HistorySource.Rooms;
            var (storedName, messages) = await store.ReadAsync(source, folded, pages, HistoryPlan.ClampLimit(count), cancellationToken);
            if (opening)
            {
                await latestPages.ReportAsync(caller, folded, cached: false, startedAt);
            }
            return TypedResults.Ok(new RoomHistory(storedName ?? room, messages));
        }
        catch (HistoryUnavailableException)
        {
            return HistoryResults.Unavailable();
        }
    }

    private static async Task<Results<Ok<HistoryTargets>, ProblemHttpResult>> GetTargetsAsync(
        [FromQuery(Name = "room")] string[]? rooms, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit,
        ClaimsPrincipal user, RoomHistoryStore store, RoomAccessStore access, CancellationToken cancellationToken)
    {
        if (!MessageReference.TryParse(from, out var start) || start.Time is not { } fromTime
            || !MessageReference.TryParse(to, out var end) || end.Time is not { } toTime)
        {
            return HistoryResults.BadRequest("TARGETS needs from and to as timestamp=YYYY-MM-DDThh:mm:ss.sssZ.");
        }
        if (!MessageQuery.TryParseLimit(limit, out var count))
        {
            return HistoryResults.BadRequest("limit must be a whole number from 1 up.");
        }
        rooms ??= [];
        if (rooms.Length > MaxTargetRooms || rooms.Any(r => !IrcCaseMapping.IsValidChannelName(r, MaxRoomLength)))
        {
            return HistoryResults.BadRequest($"room must be up to {MaxTargetRooms} room names.");
        }
        if (rooms.Length == 0)
        {
            return TypedResults.Ok(new HistoryTargets([]));
        }
        try
        {
            var folded = rooms.Select(IrcCaseMapping.Rfc1459.Fold).Distinct(StringComparer.Ordinal).ToArray();
            // A person's targets are among the rooms they are in; the others are left out, not refused,
            // so the answer says nothing of rooms the caller may not see.
            var caller = HistoryCaller.From(user);
            if (!caller.IsService)
            {
                folded = caller.Account is { } account ? await access.MemberRoomsAsync(account, folded, cancellationToken) : [];
            }
            return TypedResults.Ok(new HistoryTargets(await store.TargetsAsync(folded, fromTime, toTime, count, cancellationToken)));
        }
        catch (HistoryUnavailableException)
        {
            return HistoryResults.Unavailable();
        }
    }

    private const int MaxRoomLength = 50;
    private const int MaxTargetRooms = 500;
}
