using System.Diagnostics.CodeAnalysis;
using ChatCloud.Contracts;

namespace ChatCloud.Messaging;

/// <summary>
/// Publishes straight to the broker and completes once the broker has confirmed the message
/// (written to disk for a durable queue). For an event that follows a database write use
/// <see cref="OutboxWriter"/> in that write's transaction instead: publishing after a commit loses
/// the event if the process dies in between, publishing before it announces what may roll back.
/// </summary>
public interface IEventPublisher
{
    /// <exception cref="RabbitMQ.Client.Exceptions.PublishException">The broker refused the message.</exception>
    [SuppressMessage("Naming", "CA1716", Justification = "C# only: @event names what it is.")]
    Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken) where TEvent : IntegrationEvent;
}
