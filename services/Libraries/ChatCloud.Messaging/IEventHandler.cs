using System.Diagnostics.CodeAnalysis;
using ChatCloud.Contracts;

namespace ChatCloud.Messaging;

/// <summary>
/// Handles one event type for one queue; resolved from a fresh DI scope per delivery. Delivery is at
/// least once: a handler that writes makes the write idempotent, e.g. with <see cref="Inbox"/> in the
/// same transaction. Throwing means "not handled": the delivery is retried a few times, then
/// dead-lettered.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It handles integration events; it is not a .NET event delegate.")]
public interface IEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    [SuppressMessage("Naming", "CA1716", Justification = "C# only: @event names what it is.")]
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken);
}
