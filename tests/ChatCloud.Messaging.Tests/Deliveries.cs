using System.Collections.Concurrent;
using ChatCloud.Contracts;
using ChatCloud.Testing;

namespace ChatCloud.Messaging.Tests;

/// <summary>What a test's handlers saw, by event id; a singleton in the test's host.</summary>
public sealed class Deliveries<TEvent> where TEvent : IntegrationEvent
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<Delivery<TEvent>>> _byId = new();
    private int _attempts;

    /// <summary>Every call of a handler, successful or not, retries included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void Record(TEvent @event, EventContext context)
    {
        Interlocked.Increment(ref _attempts);
        Slot(@event.Id).TrySetResult(new(@event, context));
    }

    public bool Received(Guid id) => _byId.TryGetValue(id, out var slot) && slot.Task.IsCompleted;

    public Task<Delivery<TEvent>> WaitForAsync(Guid id, CancellationToken cancellationToken) =>
        Slot(id).Task.WaitAsync(Deadlines.Request, cancellationToken);

    private TaskCompletionSource<Delivery<TEvent>> Slot(Guid id) =>
        _byId.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed record Delivery<TEvent>(TEvent Event, EventContext Context);

public sealed class RecordingHandler<TEvent>(Deliveries<TEvent> deliveries) : IEventHandler<TEvent> where TEvent : IntegrationEvent
{
    public Task HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken)
    {
        deliveries.Record(@event, context);
        return Task.CompletedTask;
    }
}

public sealed class FailingHandler<TEvent>(Deliveries<TEvent> deliveries) : IEventHandler<TEvent> where TEvent : IntegrationEvent
{
    public Task HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken)
    {
        deliveries.Record(@event, context);
        throw new InvalidOperationException("This handler always fails.");
    }
}
