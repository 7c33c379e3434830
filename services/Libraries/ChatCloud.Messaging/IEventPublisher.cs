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

    /// <summary>
    /// Publishes <paramref name="events"/> in their order and waits for the broker's confirms of all
    /// of them together: for a producer that streams many events, one confirm round trip per batch.
    /// Calls are taken one at a time, so successive batches keep their order too.
    /// </summary>
    /// <returns>The ids the broker confirmed; the others may or may not have reached it.</returns>
    async Task<IReadOnlySet<Guid>> PublishInOrderAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken) =>
        await await SendInOrderAsync(events, cancellationToken);

    /// <summary>
    /// Sends <paramref name="events"/> in their order, after every batch sent before, and returns once
    /// they are on their way, with the wait for their confirms: a producer may send its next batch
    /// while this one is being confirmed, and still keeps the order. Calls are taken one at a time.
    /// </summary>
    /// <returns>The wait for the confirms: the ids the broker confirmed; the others may or may not have reached it.</returns>
    async Task<Task<IReadOnlySet<Guid>>> SendInOrderAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        HashSet<Guid> confirmed = [];
        foreach (var @event in events)
        {
            try
            {
                await PublishAsync(@event, cancellationToken);
                confirmed.Add(@event.Id);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                break; // in order: nothing after a failure
            }
        }
        return Task.FromResult<IReadOnlySet<Guid>>(confirmed);
    }
}
