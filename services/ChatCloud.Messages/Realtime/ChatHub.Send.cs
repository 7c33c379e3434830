using System.Text;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Presence;
using Microsoft.AspNetCore.SignalR;

namespace ChatCloud.Messages.Realtime;

/// <summary>What a tab says: messages to a room or a person, and typing notices (docs/web-realtime.md).</summary>
internal sealed partial class ChatHub
{
    /// <summary>The longest text one message may carry: what every IRC member's copy of the line can hold.</summary>
    public const int MaxTextBytes = 400;

    /// <summary>
    /// A message to a room the account is in, or (a nick) to that person on any edge: a direct
    /// message, stored in the two parties' conversation as PRIVMSG to a nick is. Answered once the
    /// broker holds it; the stored message comes back through the fan-out, on this tab with
    /// <paramref name="localId"/>. Over the account's send rate it is refused with when to retry.
    /// </summary>
    public async Task<WebAnswer> Send(string target, string text, string localId)
    {
        var connection = members.Find(Context.ConnectionId) ?? throw new HubException("Not connected.");
        var member = connection.Member;
        if (string.IsNullOrEmpty(localId) || localId.Length > 64)
        {
            return WebAnswer.Refused("INVALID_LOCAL_ID", "localId is 1 to 64 characters.");
        }
        if (string.IsNullOrWhiteSpace(text) || text.AsSpan().ContainsAny("\r\n\0"))
        {
            return WebAnswer.Refused("INVALID_TEXT", "A message is one line of text; send lines one at a time.");
        }
        if (Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
        {
            return WebAnswer.Refused("INPUT_TOO_LONG", $"A message is at most {MaxTextBytes} bytes; split it.");
        }
        if (member.Rate.TryTake() is { Ticks: > 0 } wait)
        {
            return WebAnswer.RateLimited(wait);
        }
        var actor = member.Actor;
        PostRequested post;
        if ((target ?? "").StartsWith('#'))
        {
            if (!members.IsIn(member, target!) || await MaySpeakAsync(member, target!) is false)
            {
                return WebAnswer.Refused(Numerics.ERR_CANNOTSENDTOCHAN, "Cannot send to channel");
            }
            post = new PostRequested(target!, actor.AccountId, actor.Nick, actor.User, actor.Host, "PRIVMSG", text, null, AuthorAccount: actor.Account);
        }
        else
        {
            var (recipient, refused) = await RecipientAsync(target);
            if (recipient is null)
            {
                return refused!;
            }
            post = new PostRequested(recipient.Nick, actor.AccountId, actor.Nick, actor.User, actor.Host, "PRIVMSG", text, null,
                DirectConversation.Key(WebDirectDelivery.PartyOf(member), PartyOf(recipient)), actor.Account);
        }
        if (!pending.TryAdd(post.Id, connection, localId))
        {
            return WebAnswer.Refused("TEMPORARILY_UNAVAILABLE", "Too many messages are waiting to be stored; try again in a moment.");
        }
        try
        {
            using var deadline = Deadline();
            await publisher.PublishAsync(post, deadline.Token);
            return WebAnswer.Done;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            pending.Forget(post.Id);
            return WebAnswer.Refused("MESSAGE_NOT_SENT", "Your message could not be sent; try again.");
        }
    }

    /// <summary>
    /// IRCv3 typing (<c>active</c>, <c>paused</c>, <c>done</c>) in a room or to a person: relayed as a
    /// TAGMSG with <c>+typing</c> (<c>messages.tags-sent.v1</c> / <c>direct-tags-sent.v1</c>), so IRC
    /// clients with message-tags see it, and web tabs get <c>presence</c>. Counts against the send rate.
    /// </summary>
    public async Task<WebAnswer> Typing(string target, string state)
    {
        var member = Member();
        if (state is not ("active" or "paused" or "done"))
        {
            return WebAnswer.Refused("INVALID_PARAMS", "state is active, paused or done.");
        }
        if (member.Rate.TryTake() is { Ticks: > 0 } wait)
        {
            return WebAnswer.RateLimited(wait);
        }
        var actor = member.Actor;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["+typing"] = state };
        IntegrationEvent sent;
        if ((target ?? "").StartsWith('#'))
        {
            // As for a message: a member who may speak there (TAGMSG is refused the same on IRC).
            if (!members.IsIn(member, target!) || await MaySpeakAsync(member, target!) is false)
            {
                return WebAnswer.Refused(Numerics.ERR_CANNOTSENDTOCHAN, "Cannot send to channel");
            }
            sent = new TagsSent(target!, actor.Nick, actor.User, actor.Host, tags) { OccurredAt = time.GetUtcNow() };
        }
        else
        {
            var (recipient, refused) = await RecipientAsync(target);
            if (recipient is null)
            {
                return refused!;
            }
            sent = new DirectTagsSent(recipient.Nick, actor.Nick, actor.User, actor.Host, tags) { OccurredAt = time.GetUtcNow() };
        }
        try
        {
            using var deadline = Deadline();
            await (sent is TagsSent room ? publisher.PublishAsync(room, deadline.Token) : publisher.PublishAsync((DirectTagsSent)sent, deadline.Token));
            return WebAnswer.Done;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return WebAnswer.Refused("MESSAGE_NOT_SENT", "The typing notice could not be sent.");
        }
    }

    /// <summary>The user holding <paramref name="nick"/> on any edge, or the refusal PRIVMSG would get (401).</summary>
    private async Task<(DirectoryUser? User, WebAnswer? Refused)> RecipientAsync(string? nick)
    {
        if (!IrcCaseMapping.IsValidNickname(nick ?? "", 30))
        {
            return (null, WebAnswer.Refused(Numerics.ERR_NOSUCHNICK, "No such nick/channel"));
        }
        try
        {
            using var deadline = Deadline();
            return await nicks.FindAsync(nick!, deadline.Token) is { } user
                ? (user, null)
                : (null, WebAnswer.Refused(Numerics.ERR_NOSUCHNICK, "No such nick/channel"));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return (null, WebAnswer.Refused("TEMPORARILY_UNAVAILABLE", "Users cannot be looked up right now; try again in a moment."));
        }
    }

    private static string PartyOf(DirectoryUser user) =>
        DirectConversation.Party(user.Account is null ? null : IrcCaseMapping.Rfc1459.Fold(user.Account), IrcCaseMapping.Rfc1459.Fold(user.Nick));

    /// <summary>Modern IRC: unless banned or, on <c>+m</c>, without voice; from the room cache, read from the authority only after a change.</summary>
    private async Task<bool> MaySpeakAsync(WebMember member, string room)
    {
        using var deadline = Deadline();
        if (await rooms.GetAsync(room, deadline.Token) is not { } snapshot
            || snapshot.Members.FirstOrDefault(m => IrcCaseMapping.Rfc1459.Equals(m.Nick, member.Nick)) is not { } self)
        {
            return false;
        }
        if (self.Prefixes.AsSpan().ContainsAny("ov"))
        {
            return true;
        }
        var mask = $"{member.Nick}!{member.Actor.User}@{WebMembers.Host}";
        return !snapshot.Modes.Contains('m', StringComparison.Ordinal)
            && !(snapshot.Bans ?? []).Any(ban => IrcMask.Matches(ban.Mask, mask, IrcCaseMapping.Rfc1459));
    }
}
