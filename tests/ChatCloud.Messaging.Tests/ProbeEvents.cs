using ChatCloud.Contracts;

namespace ChatCloud.Messaging.Tests;

// Test-only events: their routing keys reach no service of the booted suite, and each scenario has
// its own, so one test's messages never land in another test's queues.

[EventName("tests.published.v1")]
public sealed record ProbePublished(Guid AccountId, string Name, string[] Roles, Guid? OptionalId, DateTimeOffset At, long Sequence) : IntegrationEvent;

[EventName("tests.outboxed.v1")]
public sealed record ProbeOutboxed(string Text) : IntegrationEvent;

[EventName("tests.always-fails.v1")]
public sealed record ProbeAlwaysFails(string Text) : IntegrationEvent;

[EventName("tests.malformed.v1")]
public sealed record ProbeMalformed(string Text) : IntegrationEvent;

[EventName("tests.recovered.v1")]
public sealed record ProbeRecovered(string Text) : IntegrationEvent;

[EventName("tests.broadcast.v1")]
public sealed record ProbeBroadcast(string Text) : IntegrationEvent;

[EventName("tests.broadcast-left.v1")]
public sealed record ProbeBroadcastLeft(string Text) : IntegrationEvent;

[EventName("tests.broadcast-fails.v1")]
public sealed record ProbeBroadcastFails(string Text) : IntegrationEvent;

[EventName("tests.broadcast-recovered.v1")]
public sealed record ProbeBroadcastRecovered(string Text) : IntegrationEvent;

[EventName("tests.batched.v1")]
public sealed record ProbeBatched(int Number, bool Poison) : IntegrationEvent;

[EventName("tests.ordered.v1")]
public sealed record ProbeOrdered(string Writer, int Number) : IntegrationEvent;

[EventName("tests.room-said.v1")]
public sealed record ProbeRoomSaid(string Room, string Text, bool Everyone = false) : IntegrationEvent, ChatCloud.Contracts.Rooms.IRoomScoped
{
    bool ChatCloud.Contracts.Rooms.IRoomScoped.ForEveryEdge => Everyone;
}

[EventName("tests.replayed.v1")]
public sealed record ProbeReplayed(string Text) : IntegrationEvent;

[EventName("tests.bundled.v1")]
public sealed record ProbeBundled(int Number, bool Poison) : IntegrationEvent;

[EventName("tests.bundled-malformed.v1")]
public sealed record ProbeBundledMalformed(string Text) : IntegrationEvent;
