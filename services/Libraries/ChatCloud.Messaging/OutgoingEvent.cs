using ChatCloud.Contracts;
using System.Diagnostics;

namespace ChatCloud.Messaging;

/// <summary>A serialised event on its way to the broker, from a caller or from an outbox row.</summary>
/// <param name="Parent">The trace context it was raised in, so its publish span joins that trace.</param>
/// <param name="RoutingKey">Where the exchange sends it (<see cref="EventRouting"/>).</param>
internal sealed record OutgoingEvent(Guid Id, string EventName, DateTimeOffset OccurredAt, ReadOnlyMemory<byte> Body, ActivityContext Parent, string RoutingKey)
{
    public static OutgoingEvent Of(IntegrationEvent @event)
    {
        // The runtime type, so an event passed as its base type still gets its own name and members.
        var name = EventNames.Of(@event.GetType());
        return new(@event.Id, name, @event.OccurredAt, EventJson.Serialize(@event), TraceContext.Current, EventRouting.KeyOf(@event, name));
    }
}
