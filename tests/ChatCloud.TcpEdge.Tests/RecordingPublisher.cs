using System.Collections.Concurrent;
using ChatCloud.Contracts;
using ChatCloud.Messaging;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// Stands in for the broker in unit tests of command logic only: it records what the edge
/// published, or refuses as an unreachable broker would. The integration tests use the real bus.
/// </summary>
internal sealed class RecordingPublisher(bool refuse = false) : IEventPublisher
{
    public ConcurrentQueue<IntegrationEvent> Published { get; } = new();

    public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken) where TEvent : IntegrationEvent
    {
        if (refuse)
        {
            throw new InvalidOperationException("The broker did not confirm.");
        }
        Published.Enqueue(@event);
        return Task.CompletedTask;
    }

    /// <summary>The one event published, once the edge's post stream has sent it.</summary>
    public async Task<IntegrationEvent> SingleAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Published.IsEmpty)
        {
            await Task.Delay(10, deadline.Token);
        }
        return Xunit.Assert.Single(Published);
    }
}
