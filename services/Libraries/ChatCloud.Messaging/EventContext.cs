using System.Diagnostics;

namespace ChatCloud.Messaging;

/// <summary>Where a delivery came from, for handlers that log, deduplicate or trace.</summary>
/// <param name="Queue">The consuming queue, a good inbox consumer name; for a broadcast handler this instance's own queue.</param>
/// <param name="EventName">The event's wire name (its routing key).</param>
/// <param name="Attempt">1 for the first in-process attempt, then 2, 3, ...</param>
/// <param name="Redelivered">The broker delivered it before (to this or a crashed consumer), so it may be handled already.</param>
/// <param name="Parent">The trace context of the publisher, <c>default</c> when it sent none.</param>
public sealed record EventContext(string Queue, string EventName, int Attempt, bool Redelivered, ActivityContext Parent);
