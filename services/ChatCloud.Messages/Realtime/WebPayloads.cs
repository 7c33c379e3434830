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
    string? LocalId = null);

/// <summary>The answer to a hub call: done, or refused with a code (an IRC numeric or a FAIL code) and a sentence to show.</summary>
public sealed record WebAnswer(bool Ok, string? Code = null, string? Error = null)
{
    public static WebAnswer Done { get; } = new(true);

    public static WebAnswer Refused(string code, string error) => new(false, code, error);
}

/// <summary>JOIN's answer: the room as its authority holds it, or the refusal.</summary>
public sealed record WebJoinAnswer(bool Ok, RoomSnapshot? Room, string? Code = null, string? Error = null);
