using System.Security.Claims;
using ChatCloud.History.Access;
using ChatCloud.History.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.History.Search;

/// <summary>
/// <c>GET /api/history/search?q=words[&amp;room=#room][&amp;limit=N][&amp;before=cursor]</c>: messages
/// containing the words, newest first, at most <see cref="SearchQuery.MaxLimit"/> a page, with the
/// cursor of the next page. In one room, the caller must be allowed to read its history, checked
/// exactly as a history read is (<see cref="RoomAccess"/>: 403 not in the room, 404 for a secret room
/// as for none); without a room, across every room the account is in now. A service token (which
/// has no account) names the room.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/history/search", SearchAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        [FromQuery] string? q, [FromQuery] string? room, [FromQuery] string? limit, [FromQuery] string? before,
        ClaimsPrincipal user, SearchStore store, RoomAccessStore access, CancellationToken cancellationToken)
    {
        if (!SearchQuery.TryParse(q, room, limit, before, out var query, out var invalid))
        {
            return invalid!;
        }
        var caller = HistoryCaller.From(user);
        try
        {
            string[] rooms;
            if (query!.RoomFolded is { } folded)
            {
                if (await RoomAccess.CheckAsync(caller, folded, access, cancellationToken) is { } refused)
                {
                    return refused;
                }
                rooms = [folded];
            }
            else if (caller.Account is { } account)
            {
                rooms = await access.RoomsOfAsync(account, cancellationToken);
            }
            else
            {
                return HistoryResults.BadRequest("A search without an account names its room.");
            }
            return TypedResults.Ok(await store.SearchAsync(rooms, query, cancellationToken));
        }
        catch (HistoryUnavailableException)
        {
            return HistoryResults.Unavailable();
        }
    }
}
