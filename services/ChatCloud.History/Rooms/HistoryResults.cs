using ChatCloud.Contracts.History;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.History.Rooms;

/// <summary>The read API's answers that rooms and conversations share: problems, and resolving a reference in a stream.</summary>
public static class HistoryResults
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid history request", detail: detail);

    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "History is not available yet",
            detail: "The messages service has not created its history view; try again shortly.");

    public static string Cut(string value) => value.Length <= 64 ? value : value[..64];

    public static async Task<(Position? Position, ProblemHttpResult? Problem)> ResolveAsync(
        RoomHistoryStore store, HistorySource source, string key, string? text, CancellationToken cancellationToken)
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
        return await store.ResolveAsync(source, key, reference.MessageId!, cancellationToken) is { } position
            ? (position, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: HistoryProblems.UnknownMessage,
                title: "Unknown message", detail: $"There is no message msgid={reference.MessageId} here."));
    }
}
