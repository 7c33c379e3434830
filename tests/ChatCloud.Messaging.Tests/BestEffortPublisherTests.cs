using System.Diagnostics;
using ChatCloud.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>
/// User-activity events never hold up their caller: a broker that hangs or fails costs events, which
/// are counted, never waiting. (The publishing itself is the real publisher's, tested in PublishTests.)
/// </summary>
public sealed class BestEffortPublisherTests
{
    private sealed class StubPublisher(Func<IntegrationEvent, CancellationToken, Task> publish) : IEventPublisher
    {
        public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken) where TEvent : IntegrationEvent =>
            publish(@event, cancellationToken);
    }

    [Fact]
    public async Task Events_reach_the_broker_in_order()
    {
        var published = new List<int>();
        var all = new TaskCompletionSource();
        await using var publisher = new BestEffortPublisher(new StubPublisher((e, _) =>
        {
            published.Add(((ProbeOrdered)e).Number);
            if (published.Count == 3)
            {
                all.SetResult();
            }
            return Task.CompletedTask;
        }), NullLogger<BestEffortPublisher>.Instance);

        for (var i = 1; i <= 3; i++)
        {
            publisher.Publish(new ProbeOrdered("w", i));
        }
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], published);
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public async Task A_hanging_broker_fills_the_bounded_buffer_and_further_events_are_dropped_at_once()
    {
        var release = new TaskCompletionSource();
        await using var publisher = new BestEffortPublisher(new StubPublisher((_, _) => release.Task), NullLogger<BestEffortPublisher>.Instance, capacity: 4);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            publisher.Publish(new ProbeOrdered("w", i));
        }
        clock.Stop();
        release.SetResult();

        // One in flight, four buffered: the other 95 are counted lost, and the caller never waited.
        Assert.InRange(publisher.Dropped, 95, 96);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Publishing 100 events took {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_failing_broker_costs_the_event_and_counts_it()
    {
        var tried = new TaskCompletionSource();
        await using var publisher = new BestEffortPublisher(new StubPublisher((_, _) =>
        {
            tried.TrySetResult();
            throw new InvalidOperationException("The broker is away.");
        }), NullLogger<BestEffortPublisher>.Instance);

        publisher.Publish(new ProbeOrdered("w", 1));
        await tried.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var waited = Stopwatch.StartNew();
        while (publisher.Dropped == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, publisher.Dropped);
    }
}
