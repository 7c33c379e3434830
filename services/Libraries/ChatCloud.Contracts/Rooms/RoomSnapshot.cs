namespace ChatCloud.Contracts.Rooms;

/// <summary>
/// A room as its authority (the messages service) holds it, valid at <see cref="Sequence"/>, the
/// position in the room's stream of the last event it includes. An edge keeps it as a replica and
/// applies the stream's later events in order (docs/architecture.md, "Users and rooms across edges").
/// </summary>
/// <param name="Modes">Channel mode letters without the sign, e.g. <c>nt</c>; the key and limit are apart.</param>
public sealed record RoomSnapshot(
    string Name,
    long Sequence,
    DateTimeOffset CreatedAt,
    string Modes,
    string? Key,
    int? Limit,
    RoomTopic? Topic,
    IReadOnlyList<RoomMember> Members,
    IReadOnlyList<RoomBan>? Bans = null);

/// <param name="Prefixes">Membership mode letters, highest first: <c>o</c> (operator, <c>@</c>), <c>v</c> (voice, <c>+</c>).</param>
/// <param name="Account">The account name, null for a guest.</param>
public sealed record RoomMember(string Nick, string User, string Host, Guid? AccountId, string Prefixes, string? Account = null);

/// <summary>A ban mask (<c>+b</c>), who set it and when (RPL_BANLIST).</summary>
public sealed record RoomBan(string Mask, string SetBy, DateTimeOffset SetAt);

public sealed record RoomTopic(string Text, string SetBy, DateTimeOffset SetAt);
