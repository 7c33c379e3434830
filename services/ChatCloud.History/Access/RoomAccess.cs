using ChatCloud.Contracts.History;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.History.Access;

/// <summary>What the access view says of one room for one account; null when there is no such room.</summary>
public sealed record RoomAccessFacts(bool Secret, bool Member);

public enum RoomAccessDecision
{
    Allowed,
    Forbidden,
    NotFound,
}

/// <summary>
/// Issue 4, "no one reads a room they could not join": a person reads a room's history only while
/// their account is in it, on any connection. A non-member of a secret (<c>+s</c>) room gets the very
/// answer a room that does not exist gets (RFC 2812 2.3.1: a secret channel is hidden from
/// non-members), so 404 against 403 never tells that it exists.
/// </summary>
public static class RoomAccess
{
    public static RoomAccessDecision Decide(HistoryCaller caller, RoomAccessFacts? facts) => (caller, facts) switch
    {
        ({ IsService: true }, _) => RoomAccessDecision.Allowed,
        (_, null) => RoomAccessDecision.NotFound,
        (_, { Member: true }) => RoomAccessDecision.Allowed,
        (_, { Secret: true }) => RoomAccessDecision.NotFound,
        _ => RoomAccessDecision.Forbidden,
    };

    /// <summary>Null when <paramref name="caller"/> may read the room; otherwise the problem to answer.</summary>
    public static async Task<ProblemHttpResult?> CheckAsync(
        HistoryCaller caller, string roomFolded, RoomAccessStore store, CancellationToken cancellationToken)
    {
        if (caller.IsService)
        {
            return null;
        }
        var facts = caller.Account is { } account ? await store.FactsAsync(roomFolded, account, cancellationToken) : null;
        return Decide(caller, facts) switch
        {
            RoomAccessDecision.Allowed => null,
            RoomAccessDecision.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: HistoryProblems.NotAMember,
                title: "Not in the room", detail: "A room's history is read by its members; join the room first."),
            _ => NoSuchRoom(),
        };
    }

    public static ProblemHttpResult NoSuchRoom() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: HistoryProblems.NoSuchRoom,
            title: "No such room", detail: "There is no such room.");
}
