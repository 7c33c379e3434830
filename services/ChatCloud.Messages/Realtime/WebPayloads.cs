using ChatCloud.Contracts.Rooms;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// A room's message or event as the web app receives it: the fields of the room's stream, with
/// <see cref="Sequence"/> for gap and duplicate checks and, on the sender's own tab,
/// <see cref="LocalId"/> (docs/web-realtime.md).
/// </summary>
public sealed record WebRoomEvent(
    string Room,
    string Msgid,
    long Sequence,
    DateTimeOffset Time,
    string Kind,
    string Nick,
    string? Account,
    string Text,
    IReadOnlyDictionary<string, string>? ClientTags,
    IReadOnlyList<string>? Arguments,
    string? LocalId = null)
{
    /// <summary>A direct message: <see cref="Room"/> is then the other party's nick, <see cref="Sequence"/> the conversation's.</summary>
    public bool Direct { get; init; }
}

/// <summary>
/// The answer to a hub call: done, or refused with a code (an IRC numeric or a FAIL code) and a
/// sentence to show; <see cref="RetryAfterMs"/> when the refusal is the send rate (try again then).
/// </summary>
public sealed record WebAnswer(bool Ok, string? Code = null, string? Error = null, long? RetryAfterMs = null)
{
    public static WebAnswer Done { get; } = new(true);

    public static WebAnswer Refused(string code, string error) => new(false, code, error);

    public static WebAnswer RateLimited(TimeSpan retryAfter) => new(false, "RATE_LIMITED",
        "You are sending too fast; wait a moment.", (long)Math.Ceiling(retryAfter.TotalMilliseconds));
}

/// <summary>
/// <c>presence</c>: a room-mate's or a conversation partner's <see cref="Kind"/> <c>typing</c> (with
/// <see cref="State"/> <c>active</c>/<c>paused</c>/<c>done</c>), <c>away</c> (with its message) or
/// <c>back</c>. <see cref="Target"/> is the room, or in a conversation the other party's nick.
/// </summary>
public sealed record WebPresence(string Target, string Nick, string Kind, string? State);

/// <summary><c>read</c> and <c>MarkRead</c>'s answer: the account's read position in a room or conversation (null: none yet).</summary>
public sealed record WebReadPosition(string Target, DateTimeOffset? ReadAt);

/// <summary><c>MarkRead</c>'s answer: the position kept (it never moves back), or the refusal.</summary>
public sealed record WebReadAnswer(bool Ok, DateTimeOffset? ReadAt, string? Code = null, string? Error = null);

/// <summary>
/// <c>Mode</c>'s answer: what was applied, as IRC writes it (<c>["+o", "bob"]</c>), and each change
/// refused with its numeric and sentence; or the whole command refused.
/// </summary>
public sealed record WebModeAnswer(bool Ok, IReadOnlyList<string> Applied, IReadOnlyList<WebAnswer> Refused, string? Code = null, string? Error = null);

/// <summary>JOIN's answer: the room as its authority holds it, or the refusal.</summary>
public sealed record WebJoinAnswer(bool Ok, RoomSnapshot? Room, string? Code = null, string? Error = null);
