using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// Typing notices (IRCv3 <c>+typing</c> in a TAGMSG, from a terminal or a tab) for this instance's
/// web members, as <c>presence</c>: to a room's members but the author, or to the member holding the
/// nick a TAGMSG named. Other client-only tags (reactions) are not shown on the web yet.
/// </summary>
internal sealed class WebTagsDelivery(WebMembers members) : IEventHandler<TagsSent>, IEventHandler<DirectTagsSent>
{
    public Task HandleAsync(TagsSent sent, EventContext context, CancellationToken cancellationToken)
    {
        if (TypingOf(sent.ClientTags) is not { } state)
        {
            return Task.CompletedTask;
        }
        var notice = new WebEvent("presence", new WebPresence(sent.Room, sent.AuthorNick, "typing", state));
        foreach (var member in members.MembersIn(IrcCaseMapping.Rfc1459.Fold(sent.Room)))
        {
            if (!IrcCaseMapping.Rfc1459.Equals(member.Nick, sent.AuthorNick))
            {
                Tell(member, notice);
            }
        }
        return Task.CompletedTask;
    }

    public Task HandleAsync(DirectTagsSent sent, EventContext context, CancellationToken cancellationToken)
    {
        if (TypingOf(sent.ClientTags) is { } state && members.FindByNick(sent.Recipient) is { } member)
        {
            // In a conversation the "room" is the other party: the author.
            Tell(member, new WebEvent("presence", new WebPresence(sent.AuthorNick, sent.AuthorNick, "typing", state)));
        }
        return Task.CompletedTask;
    }

    private void Tell(WebMember member, WebEvent notice)
    {
        foreach (var connection in members.ConnectionsOf(member))
        {
            connection.Enqueue(notice);
        }
    }

    /// <summary>IRCv3 typing: <c>active</c>, <c>paused</c> or <c>done</c>; anything else is not a typing notice.</summary>
    internal static string? TypingOf(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue("+typing", out var state) && state is "active" or "paused" or "done" ? state : null;
}
