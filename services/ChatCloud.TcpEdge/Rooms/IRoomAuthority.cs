using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Contracts.Rooms;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// The room authority (the messages service): every change to a room is asked of it and answered
/// there, under the room's lock, so all edges see one order (docs/architecture.md, "Users and rooms
/// across edges"). Its events come back to every edge through the bus; only the answer comes here.
/// </summary>
public interface IRoomAuthority
{
    /// <summary>This edge's name in the authority's member rows, so its members can be swept if it stops.</summary>
    string Edge { get; }

    Task<RoomAnswer<JoinResult>> JoinAsync(string room, JoinRequest request, CancellationToken cancellationToken);
    Task<RoomAnswer<bool>> PartAsync(string room, PartRequest request, CancellationToken cancellationToken);
    Task<RoomAnswer<bool>> TopicAsync(string room, TopicRequest request, CancellationToken cancellationToken);
    Task<RoomAnswer<bool>> KickAsync(string room, KickRequest request, CancellationToken cancellationToken);
    Task<RoomAnswer<ModeResult>> ModesAsync(string room, ModeRequest request, CancellationToken cancellationToken);
    Task<RoomAnswer<bool>> InviteAsync(string room, InviteRequest request, CancellationToken cancellationToken);

    /// <summary>The room as the authority holds it now; refused with 403 when it does not exist.</summary>
    Task<RoomAnswer<RoomSnapshot>> FindAsync(string room, CancellationToken cancellationToken);

    /// <summary>LIST: the rooms with members on every edge that match, a secret one only when the asker is in it.</summary>
    Task<RoomAnswer<List<RoomListing>>> ListAsync(RoomListQuery query, CancellationToken cancellationToken);

    Task<RoomAnswer<bool>> QuitAsync(QuitRequest request, CancellationToken cancellationToken);
    Task<RoomAnswer<bool>> RenameAsync(RenameRequest request, CancellationToken cancellationToken);

    /// <summary>chghost: the member's host in every room it is in, for NAMES and WHO.</summary>
    Task<RoomAnswer<bool>> ChangeHostAsync(HostChangeRequest request, CancellationToken cancellationToken);

    /// <summary>This edge is stopping: every member it holds quits.</summary>
    Task<RoomAnswer<bool>> QuitEdgeAsync(string reason, CancellationToken cancellationToken);

    /// <summary>REDACT of a room message; a refusal carries the FAIL code (<c>REDACT_FORBIDDEN</c>…) as its numeric.</summary>
    Task<RoomAnswer<bool>> RedactAsync(string room, RedactRequest request, CancellationToken cancellationToken);

    /// <summary>REDACT of a direct message, by its author; refusals as for a room's.</summary>
    Task<RoomAnswer<bool>> RedactDirectAsync(DirectRedactRequest request, CancellationToken cancellationToken);

    // The messages service also keeps each account's read positions (MARKREAD), beside the rows they point into.

    /// <summary>The account's read position in <paramref name="target"/> (a room or a nick).</summary>
    Task<RoomAnswer<ReadMarker>> GetReadMarkerAsync(Guid account, string target, CancellationToken cancellationToken);

    /// <summary>Moves the account's read position forward; the answer is the position kept (the newer one).</summary>
    Task<RoomAnswer<ReadMarker>> SetReadMarkerAsync(Guid account, ReadMarkerRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What LIST asks (ELIST <c>M</c> and <c>U</c>): room name masks (none: all), the fewest and most
/// members, and who asks (it sees the secret rooms it is in).
/// </summary>
public sealed record RoomListQuery(IReadOnlyList<string> Masks, int Min, int Max, string Asker);

/// <summary>What the authority said: done (with its value), refused (the IRC reply to send), or nothing in time.</summary>
public readonly record struct RoomAnswer<T>(RoomOutcome Outcome, T? Value = default, RoomRefused? Refusal = null);

public static class RoomAnswer
{
    public static RoomAnswer<T> Done<T>(T value) => new(RoomOutcome.Done, value);
    public static RoomAnswer<T> Refused<T>(RoomRefused refusal) => new(RoomOutcome.Refused, Refusal: refusal);
    public static RoomAnswer<T> Unavailable<T>() => new(RoomOutcome.Unavailable);
}

public enum RoomOutcome
{
    Done,
    Refused,
    Unavailable,
}

/// <summary>
/// A refusal as IRC says it: <see cref="Numeric"/> (e.g. <c>473</c>, or a FAIL code) and its text, and
/// <see cref="Context"/>, one more parameter some replies carry (REDACT_WINDOW_EXPIRED's window).
/// </summary>
public sealed record RoomRefused(string Numeric, string Text, string? Context = null);
