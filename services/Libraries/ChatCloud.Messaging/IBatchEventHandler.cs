using System.Diagnostics.CodeAnalysis;
using ChatCloud.Contracts;

namespace ChatCloud.Messaging;

/// <summary>One delivery of a batch.</summary>
[SuppressMessage("Naming", "CA1716", Justification = "C# only: Event names what it is.")]
public sealed record EventDelivery<TEvent>(TEvent Event, EventContext Context) where TEvent : IntegrationEvent;

/// <summary>
/// A handler that takes what is waiting in its queue together, in queue order, up to
/// <see cref="MessagingOptions.MaxBatchSize"/>: one transaction and one commit for many events,
/// for queues where that is the difference between hundreds and thousands a second. All or
/// nothing: throwing means none of the batch is handled, and its events are then handed over one
/// at a time (a batch of one), with the usual retries and dead-lettering, so one poison event
/// cannot hold back the others.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It handles integration events; it is not a .NET event delegate.")]
public interface IBatchEventHandler<TEvent> : IEventHandler<TEvent> where TEvent : IntegrationEvent
{
    Task HandleBatchAsync(IReadOnlyList<EventDelivery<TEvent>> batch, CancellationToken cancellationToken);

    Task IEventHandler<TEvent>.HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken) =>
        HandleBatchAsync([new EventDelivery<TEvent>(@event, context)], cancellationToken);
}
