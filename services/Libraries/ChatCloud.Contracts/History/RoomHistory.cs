namespace ChatCloud.Contracts.History;

/// <summary>
/// The history service's read API (<c>/api/history/…</c>), shared by the service that answers and
/// the edges and web app that ask (docs/architecture.md, "The history read path").
/// </summary>
public sealed record RoomHistory(string Room, IReadOnlyList<HistoryMessage> Messages);

/// <summary>
/// A stored message, in its room's or conversation's order (<see cref="Sequence"/>). <see cref="Target"/>
/// is the nick a direct message was sent to (the target of its IRC line); null for a room's.
/// <see cref="Kind"/> is PRIVMSG or NOTICE, or, for a room read with events (draft/event-playback),
/// the verb of a room event with its <see cref="Arguments"/> as <c>MessageStored</c> carries them.
/// <see cref="AccountName"/> is the author's account name (account-tag), null for a guest.
/// </summary>
public sealed record HistoryMessage(
    string Msgid,
    long Sequence,
    DateTimeOffset Time,
    Guid? Account,
    string Nick,
    string User,
    string Host,
    string Kind,
    string Text,
    IReadOnlyDictionary<string, string>? ClientTags,
    string? Target = null,
    IReadOnlyList<string>? Arguments = null,
    string? AccountName = null);

/// <summary>The answer to a TARGETS query.</summary>
public sealed record HistoryTargets(IReadOnlyList<RoomActivity> Targets);

/// <summary>A room with messages in a TARGETS window, and the time of its latest one there.</summary>
public sealed record RoomActivity(string Room, DateTimeOffset Latest);

public static class HistoryProblems
{
    /// <summary>The problem type of a 404 for a msgid the room does not have.</summary>
    public const string UnknownMessage = "urn:chatcloud:history:unknown-message";

    /// <summary>The problem type of a 403 for a conversation read without naming a party to it.</summary>
    public const string NotAParty = "urn:chatcloud:history:not-a-party";

    /// <summary>The problem type of a 403 for a person reading a room they are not in.</summary>
    public const string NotAMember = "urn:chatcloud:history:not-a-member";

    /// <summary>
    /// The problem type of a 404 for a person reading a room that does not exist, or a secret room
    /// they are not in: the two answer alike.
    /// </summary>
    public const string NoSuchRoom = "urn:chatcloud:history:no-such-room";
}
