namespace ChatCloud.Contracts.Messages;

/// <summary>
/// An account's read position in <see cref="Target"/> moved forward to <see cref="ReadAt"/> (IRCv3
/// draft/read-marker). Every edge hears it and tells that account's other connections with the cap;
/// the one that set it (<see cref="OriginEdge"/>, <see cref="OriginSession"/>) was answered by its edge.
/// </summary>
[EventName("messages.read-marker-set.v1")]
public sealed record ReadMarkerSet(Guid AccountId, string Target, DateTimeOffset ReadAt, string OriginEdge, string OriginSession) : IntegrationEvent;
