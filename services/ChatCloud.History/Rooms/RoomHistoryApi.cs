using System.Globalization;
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
/// Messages come oldest first; a limit above <see cref="HistoryPlan.MaxLimit"/> is cut to it.
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
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit,
        RoomHistoryStore store, CancellationToken cancellationToken)
    {
        if (!IrcCaseMapping.IsValidChannelName(room, MaxRoomLength))
        {
            return BadRequest($"'{Cut(room)}' is not a room name.");
        }
        if (!TryParseLimit(limit, out var count))
        {
            return BadRequest("limit must be a whole number from 1 up.");
        }
        var given = new[] { latest, before, after, around, from ?? to }.Count(value => value is not null);
        if (given != 1)
        {
            return BadRequest("Give exactly one of latest, before, after, around, or from with to.");
        }
        var (selector, first, second) =
            latest is not null ? (HistorySelector.Latest, latest == "*" ? null : latest, null)
            : before is not null ? (HistorySelector.Before, before, null)
            : after is not null ? (HistorySelector.After, after, null)
            : around is not null ? (HistorySelector.Around, around, (string?)null)
            : (HistorySelector.Between, from, to);
        if (selector == HistorySelector.Between && (from is null || to is null))
        {
            return BadRequest("BETWEEN needs both from and to.");
        }

        var folded = IrcCaseMapping.Rfc1459.Fold(room);
        try
        {
            var (firstPosition, firstProblem) = await ResolveAsync(store, folded, first, cancellationToken);
            var (secondPosition, secondProblem) = await ResolveAsync(store, folded, second, cancellationToken);
            if ((firstProblem ?? secondProblem) is { } problem)
            {
                return problem;
            }
            var pages = HistoryPlan.For(selector, firstPosition, secondPosition, count);
            var (storedName, messages) = await store.ReadAsync(folded, pages, HistoryPlan.ClampLimit(count), cancellationToken);
            return TypedResults.Ok(new RoomHistory(storedName ?? room, messages));
        }
        catch (HistoryUnavailableException)
        {
            return Unavailable();
        }
    }

    private static async Task<Results<Ok<HistoryTargets>, ProblemHttpResult>> GetTargetsAsync(
        [FromQuery(Name = "room")] string[]? rooms, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit,
        RoomHistoryStore store, CancellationToken cancellationToken)
    {
        if (!MessageReference.TryParse(from, out var start) || start.Time is not { } fromTime
            || !MessageReference.TryParse(to, out var end) || end.Time is not { } toTime)
        {
            return BadRequest("TARGETS needs from and to as timestamp=YYYY-MM-DDThh:mm:ss.sssZ.");
        }
        if (!TryParseLimit(limit, out var count))
        {
            return BadRequest("limit must be a whole number from 1 up.");
        }
        rooms ??= [];
        if (rooms.Length > MaxTargetRooms || rooms.Any(r => !IrcCaseMapping.IsValidChannelName(r, MaxRoomLength)))
        {
            return BadRequest($"room must be up to {MaxTargetRooms} room names.");
        }
        if (rooms.Length == 0)
        {
            return TypedResults.Ok(new HistoryTargets([]));
        }
        try
        {
            var folded = rooms.Select(IrcCaseMapping.Rfc1459.Fold).Distinct(StringComparer.Ordinal).ToArray();
            return TypedResults.Ok(new HistoryTargets(await store.TargetsAsync(folded, fromTime, toTime, count, cancellationToken)));
        }
        catch (HistoryUnavailableException)
        {
            return Unavailable();
        }
    }

    private const int MaxRoomLength = 50;
    private const int MaxTargetRooms = 500;

    private static async Task<(Position? Position, ProblemHttpResult? Problem)> ResolveAsync(
        RoomHistoryStore store, string roomFolded, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return (null, null);
        }
        if (!MessageReference.TryParse(text, out var reference))
        {
            return (null, BadRequest($"'{Cut(text)}' is not a message reference (msgid=… or timestamp=YYYY-MM-DDThh:mm:ss.sssZ)."));
        }
        if (reference.Time is { } time)
        {
            return (Position.At(time), null);
        }
        return await store.ResolveAsync(roomFolded, reference.MessageId!, cancellationToken) is { } position
            ? (position, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: HistoryProblems.UnknownMessage,
                title: "Unknown message", detail: $"The room has no message msgid={reference.MessageId}."));
    }

    private static bool TryParseLimit(string? text, out int limit)
    {
        limit = HistoryPlan.MaxLimit;
        if (text is null)
        {
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
        {
            // Digits too many for an int are still a valid "as many as you give".
            return text.Length > 0 && text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0;
        }
        limit = HistoryPlan.ClampLimit(parsed);
        return true;
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid history request", detail: detail);

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "History is not available yet",
            detail: "The messages service has not created its history view; try again shortly.");

    private static string Cut(string value) => value.Length <= 64 ? value : value[..64];
}
