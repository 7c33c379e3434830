using System.Globalization;
using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Irc;

namespace ChatCloud.Messages.Realtime;

/// <summary>Read positions (shared with IRC's MARKREAD) and away (shared with AWAY), from a tab.</summary>
internal sealed partial class ChatHub
{
    /// <summary>The account's read position in a room or a conversation (its nick), as MARKREAD &lt;target&gt; answers.</summary>
    public async Task<WebReadAnswer> ReadMarker(string target)
    {
        var member = Member();
        if (!IsReadTarget(target))
        {
            return new WebReadAnswer(false, null, "INVALID_PARAMS", "The target is a room or a nick.");
        }
        using var deadline = Deadline();
        return new WebReadAnswer(true, (await markers.GetAsync(member.AccountId, target, deadline.Token)).ReadAt);
    }

    /// <summary>
    /// MARKREAD &lt;target&gt; timestamp=…: read up to <paramref name="position"/>, a message's <c>msgid</c>
    /// or its time (ISO 8601). It only moves forward; the answer is the position kept. The account's
    /// other tabs get <c>read</c> and its IRC clients with draft/read-marker get MARKREAD.
    /// </summary>
    public async Task<WebReadAnswer> MarkRead(string target, string position)
    {
        var member = Member();
        if (!IsReadTarget(target) || string.IsNullOrEmpty(position))
        {
            return new WebReadAnswer(false, null, "INVALID_PARAMS", "The target is a room or a nick, the position a msgid or a time.");
        }
        using var deadline = Deadline();
        DateTimeOffset readAt;
        if (position.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            readAt = time;
        }
        else if (await markers.TimeOfAsync(position, deadline.Token) is { } stored)
        {
            readAt = stored;
        }
        else
        {
            return new WebReadAnswer(false, null, "UNKNOWN_MSGID", "This message does not exist.");
        }
        var marker = await markers.SetAsync(member.AccountId, new ReadMarkerRequest(target, readAt, members.Edge, Context.ConnectionId), deadline.Token);
        return new WebReadAnswer(true, marker.ReadAt);
    }

    private static bool IsReadTarget(string? target) =>
        target is not null && (IrcCaseMapping.IsValidChannelName(target) || IrcCaseMapping.IsValidNickname(target, 30));

    /// <summary>
    /// AWAY [&lt;text&gt;]: away with a message, or back with none. WHOIS and PRIVMSG's RPL_AWAY show it;
    /// room-mates are told (web tabs as <c>presence</c>, IRC clients with away-notify as AWAY).
    /// </summary>
    public async Task<WebAnswer> Away(string? text)
    {
        var member = Member();
        using var deadline = Deadline();
        await away.SetAsync(member, string.IsNullOrWhiteSpace(text) ? null : text, deadline.Token);
        return WebAnswer.Done;
    }
}
