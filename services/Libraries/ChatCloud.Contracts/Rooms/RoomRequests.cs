namespace ChatCloud.Contracts.Rooms;

/// <summary>
/// Who acts on a room, as the edge that holds the connection knows them. <see cref="Edge"/> and
/// <see cref="Session"/> name the connection, so members of an edge that stopped can be swept.
/// <see cref="Account"/> is the account name (extended-join, WHOX), null for a guest.
/// </summary>
public sealed record RoomActor(string Nick, string User, string Host, Guid? AccountId, string Edge, string Session, string? Account = null);

/// <summary>JOIN: the actor joins; <see cref="Key"/> is the one they gave for a <c>+k</c> room.</summary>
public sealed record JoinRequest(RoomActor Actor, string? RealName, string? Key);

/// <summary>The room as the new member sees it (the JOIN included), or as it was when they were in it already.</summary>
public sealed record JoinResult(RoomSnapshot Room, bool AlreadyMember);

/// <summary>PART: the actor leaves, with an optional reason.</summary>
public sealed record PartRequest(RoomActor Actor, string? Reason);

/// <summary>
/// A room command refused: the numeric is the IRC reply to send (e.g. <c>473</c>), or for a command
/// answered with standard replies (REDACT) the FAIL code; the text is its description, and the context,
/// when present, one more parameter the reply carries (REDACT_WINDOW_EXPIRED's window in seconds).
/// </summary>
public static class RoomProblem
{
    /// <summary>The ProblemDetails extension members the refusal travels in.</summary>
    public const string NumericKey = "numeric";
    public const string TextKey = "text";
    public const string ContextKey = "context";
}

/// <summary>TOPIC: the actor sets the room's topic; an empty topic clears it.</summary>
public sealed record TopicRequest(RoomActor Actor, string Topic);

/// <summary>KICK: the actor removes <see cref="Target"/> (a nick) from the room.</summary>
public sealed record KickRequest(RoomActor Actor, string Target, string? Reason);

/// <summary>The actor's connection ended: it leaves every room it is in, each seeing one QUIT.</summary>
public sealed record QuitRequest(RoomActor Actor, string Reason);

/// <summary>The actor (under its old nick) is now <see cref="NewNick"/> in every room it is in.</summary>
public sealed record RenameRequest(RoomActor Actor, string NewNick);

/// <summary>
/// chghost: the actor's host is now <see cref="NewHost"/> in every room it is in (a guest logged in and
/// shows its account's cloak), so NAMES and WHO show it. No event: the edges tell room-mates themselves.
/// </summary>
public sealed record HostChangeRequest(RoomActor Actor, string NewHost);

/// <summary>INVITE: the actor invites <see cref="Target"/> (a nick), which lets them past <c>+i</c> and bans.</summary>
public sealed record InviteRequest(RoomActor Actor, string Target);

/// <summary>An edge stopped: every member it held quits, each room seeing one QUIT per member.</summary>
public sealed record EdgeQuitRequest(string Reason);

/// <summary>One channel mode change: <c>+k secret</c> is <c>('k', true, "secret")</c>.</summary>
public sealed record ModeChange(char Mode, bool Add, string? Argument);

/// <summary>MODE: the actor changes the room's modes, in order.</summary>
public sealed record ModeRequest(RoomActor Actor, IReadOnlyList<ModeChange> Changes);

/// <summary>
/// What a MODE did: <see cref="Applied"/> as IRC writes it (<c>["+o-k", "alice", "*"]</c>, empty
/// when nothing changed) and a refusal for each change that was not applied, in order.
/// </summary>
public sealed record ModeResult(IReadOnlyList<string> Applied, IReadOnlyList<ModeRefusal> Refused);

/// <summary>A change not applied: the IRC numeric and the parameters between the target and the text.</summary>
public sealed record ModeRefusal(string Numeric, IReadOnlyList<string> Parameters, string Text);

/// <summary>REDACT: the actor deletes the room message <see cref="MessageId"/> (IRCv3 draft/message-redaction).</summary>
public sealed record RedactRequest(RoomActor Actor, string MessageId, string? Reason);

/// <summary>
/// REDACT of a direct message: <see cref="Party"/> is the actor's side of the conversation
/// (<see cref="Messages.DirectConversation.Party"/>), <see cref="Target"/> the nick the REDACT named.
/// </summary>
public sealed record DirectRedactRequest(RoomActor Actor, string Party, string Target, string MessageId, string? Reason);
