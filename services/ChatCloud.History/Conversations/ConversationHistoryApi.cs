using System.Security.Claims;
using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Messages;
using ChatCloud.History.Access;
using ChatCloud.History.Rooms;
using ChatCloud.Irc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.History.Conversations;

/// <summary>
/// Direct messages' history, read only by the two parties of a conversation (docs/architecture.md,
/// "Direct messages"). Every request names who asks (<c>as=</c>, a party: <c>a:&lt;account&gt;</c> or
/// <c>n:&lt;nick&gt;</c>, folded), and can only name conversations that party is in:
/// <list type="bullet">
/// <item><c>GET /conversations/{nick}/messages?as=…&amp;latest=*|ref&amp;limit=N</c> (and <c>before</c>, <c>after</c>, <c>around</c>, <c>from</c>+<c>to</c>, as for rooms)</item>
/// <item><c>GET /conversations/targets?as=…&amp;from=timestamp=…&amp;to=timestamp=…&amp;limit=N</c></item>
/// </list>
/// The edge (a service token) names the asking party; a person's token reads as their own account
/// (<c>a:&lt;folded account name&gt;</c>), and <c>as=</c> may be left out or must name it.
/// </summary>
public static class ConversationHistoryApi
{
    public static IEndpointRouteBuilder MapConversationHistoryApi(this IEndpointRouteBuilder endpoints)
    {
        var conversations = endpoints.MapGroup("/conversations");
        conversations.MapGet("/targets", GetTargetsAsync);
        conversations.MapGet("/{nick}/messages", GetMessagesAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<RoomHistory>, ProblemHttpResult>> GetMessagesAsync(
        string nick, [FromQuery(Name = "as")] string? asker,
        [FromQuery] string? latest, [FromQuery] string? before, [FromQuery] string? after, [FromQuery] string? around,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit,
        ClaimsPrincipal user, RoomHistoryStore store, CancellationToken cancellationToken)
    {
        asker = HistoryCaller.From(user).ReadsAs(asker);
        if (!DirectConversation.IsParty(asker))
        {
            return NotAParty();
        }
        if (!IrcCaseMapping.IsValidNickname(nick, MaxNameLength))
        {
            return HistoryResults.BadRequest($"'{HistoryResults.Cut(nick)}' is not a nick.");
        }
        if (!MessageQuery.TryParse(latest, before, after, around, from, to, limit, out var query, out var invalid))
        {
            return invalid!;
        }
        try
        {
            // The other party is the account of that name or a guest holding the nick; the conversation
            // with the latest message is the one meant (docs/architecture.md, "Direct messages").
            var candidates = DirectConversation.PartiesNamed(IrcCaseMapping.Rfc1459.Fold(nick))
                .Select(other => DirectConversation.Key(asker!, other)).ToArray();
            if (await store.LatestConversationAsync(candidates, cancellationToken) is not { } key)
            {
                return TypedResults.Ok(new RoomHistory(nick, []));
            }
            var source = HistorySource.Conversations;
            var (firstPosition, firstProblem) = await HistoryResults.ResolveAsync(store, source, key, query.First, cancellationToken);
            var (secondPosition, secondProblem) = await HistoryResults.ResolveAsync(store, source, key, query.Second, cancellationToken);
            if ((firstProblem ?? secondProblem) is { } problem)
            {
                return problem;
            }
            var pages = HistoryPlan.For(query.Selector, firstPosition, secondPosition, query.Limit);
            var (_, messages) = await store.ReadAsync(source, key, pages, HistoryPlan.ClampLimit(query.Limit), cancellationToken);
            return TypedResults.Ok(new RoomHistory(nick, messages));
        }
        catch (HistoryUnavailableException)
        {
            return HistoryResults.Unavailable();
        }
    }

    private static async Task<Results<Ok<HistoryTargets>, ProblemHttpResult>> GetTargetsAsync(
        [FromQuery(Name = "as")] string? asker, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit,
        ClaimsPrincipal user, RoomHistoryStore store, CancellationToken cancellationToken)
    {
        asker = HistoryCaller.From(user).ReadsAs(asker);
        if (!DirectConversation.IsParty(asker))
        {
            return NotAParty();
        }
        if (!MessageReference.TryParse(from, out var start) || start.Time is not { } fromTime
            || !MessageReference.TryParse(to, out var end) || end.Time is not { } toTime)
        {
            return HistoryResults.BadRequest("TARGETS needs from and to as timestamp=YYYY-MM-DDThh:mm:ss.sssZ.");
        }
        if (!MessageQuery.TryParseLimit(limit, out var count))
        {
            return HistoryResults.BadRequest("limit must be a whole number from 1 up.");
        }
        try
        {
            var found = await store.ConversationTargetsAsync(asker!, fromTime, toTime, count, cancellationToken);
            // Named by the other party (folded), which CHATHISTORY takes back as its target.
            return TypedResults.Ok(new HistoryTargets([.. found.Select(target =>
                new RoomActivity(DirectConversation.NameOf(DirectConversation.OtherParty(target.Conversation, asker!) ?? asker!), target.Latest))]));
        }
        catch (HistoryUnavailableException)
        {
            return HistoryResults.Unavailable();
        }
    }

    private const int MaxNameLength = 30;

    private static ProblemHttpResult NotAParty() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: HistoryProblems.NotAParty, title: "Not a party to the conversation",
            detail: "A conversation is read only by its two parties; name the asking party as as=a:<account> or as=n:<nick>.");
}
