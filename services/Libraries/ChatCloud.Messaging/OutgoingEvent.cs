using System.Diagnostics;

namespace ChatCloud.Messaging;

/// <summary>A serialised event on its way to the broker, from a caller or from an outbox row.</summary>
/// <param name="Parent">The trace context it was raised in, so its publish span joins that trace.</param>
internal sealed record OutgoingEvent(Guid Id, string EventName, DateTimeOffset OccurredAt, ReadOnlyMemory<byte> Body, ActivityContext Parent);
