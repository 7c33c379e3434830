using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Messages.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Messages.Conversations;

/// <summary>
/// Commands on direct conversations, called by the edges; internal like the room authority's
/// (<see cref="RoomsApi"/>), with refusals as problem responses carrying the reply to send.
/// </summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/conversations/redactions", RedactAsync);
        return endpoints;
    }

    // POST /conversations/redactions — REDACT <nick> <msgid> [:<reason>] (IRCv3 draft/message-redaction)
    private static async Task<Results<NoContent, ProblemHttpResult>> RedactAsync(
        DirectRedactRequest request, ConversationRedaction redaction, CancellationToken cancellationToken)
    {
        if (request.Actor is null || string.IsNullOrWhiteSpace(request.Actor.Nick) || !DirectConversation.IsParty(request.Party)
            || string.IsNullOrEmpty(request.Target) || string.IsNullOrEmpty(request.MessageId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid redaction",
                detail: "actor, party (a conversation party), target and messageId are required.");
        }
        return await redaction.RedactAsync(request, cancellationToken) is { } refused
            ? (ProblemHttpResult)refused.ToProblem(request.Target)
            : TypedResults.NoContent();
    }
}
