namespace ChatCloud.Contracts.Activity;

/// <summary>
/// What people do in rooms, told by the room authority once for both edges (issue 7, "Events"):
/// user activity for analytics and the recommender, published best-effort, never any message text.
/// Rooms are folded names (rfc1459), the form every aggregate is keyed by; guests, who have no
/// account, are not reported.
/// </summary>
[EventName("activity.room-joined.v1")]
public sealed record RoomJoined(Guid AccountId, string Room) : IntegrationEvent
{
    /// <summary>The account's name, which the recommender suggests people by (a person is found and written to by name).</summary>
    public string? AccountName { get; init; }
}

/// <summary>The account's connection left the room: <see cref="How"/> is <c>part</c> or <c>kick</c> (a QUIT is a <c>SignedOut</c>).</summary>
[EventName("activity.room-left.v1")]
public sealed record RoomLeft(Guid AccountId, string Room, string How) : IntegrationEvent;

/// <summary>
/// The account read a room or a direct conversation up to a point (MARKREAD, or the web app's
/// mark-read): a room opened and looked at. <see cref="Target"/> is a folded room name, or
/// <c>"direct"</c> for a conversation, whose other party is nobody's statistic.
/// </summary>
[EventName("activity.room-read.v1")]
public sealed record RoomRead(Guid AccountId, string Target) : IntegrationEvent
{
    public const string Direct = "direct";
}

/// <summary>
/// The account searched: <see cref="Scope"/> is what was searched (<c>rooms</c>: the room list), with
/// how long the query was and how many results came back; the query itself is not kept.
/// </summary>
[EventName("activity.searched.v1")]
public sealed record Searched(Guid AccountId, string Scope, int QueryLength, int Results) : IntegrationEvent
{
    public const string Rooms = "rooms";
}
