namespace ChatCloud.Contracts.ReadMarkers;

/// <summary>
/// An account's read position in one target (IRCv3 draft/read-marker): a room, or the nick of the other
/// party of a direct conversation. <see cref="ReadAt"/> is null when none was ever set.
/// </summary>
public sealed record ReadMarker(string Target, DateTimeOffset? ReadAt);

/// <summary>
/// MARKREAD set: <see cref="ReadAt"/> for <see cref="Target"/>; it only ever moves forward. <see cref="Edge"/>
/// and <see cref="Session"/> name the connection that set it, which its edge answers itself.
/// </summary>
public sealed record ReadMarkerRequest(string Target, DateTimeOffset ReadAt, string Edge, string Session);
