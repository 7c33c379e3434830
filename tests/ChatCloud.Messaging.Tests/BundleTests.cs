using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ChatCloud.Contracts;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>
/// The ordered publisher sends a run of events as one bundle; consumers handle its events one by
/// one, in order, and settle the bundle once (EventBundle).
/// </summary>
public sealed class BundleTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Runs_are_cut_where_the_name_or_the_routing_key_changes_and_at_the_size_limit()
    {
        OutgoingEvent Event(string name, string key) => new(Guid.NewGuid(), name, DateTimeOffset.UnixEpoch, new byte[10], default, key);
        var events = new[] { Event("a", "a.1"), Event("a", "a.1"), Event("a", "a.1"), Event("a", "a.2"), Event("b", "a.2"), Event("b", "a.2") };

        var runs = EventBundle.Runs(events, maxEvents: 2);
        var unbundled = EventBundle.Runs(events, maxEvents: 1);
        var large = EventBundle.Runs([.. Enumerable.Range(0, 3).Select(_ => new OutgoingEvent(Guid.NewGuid(), "a", default, new byte[EventBundle.MaxBytes / 2], default, "a"))], 64);

        Assert.Equal([2, 1, 1, 2], runs.Select(run => run.Count));
        Assert.Equal(events.Select(e => e.Id), runs.SelectMany(run => run).Select(e => e.Id));
        Assert.Equal(6, unbundled.Count);
        Assert.Equal([1, 1, 1], large.Select(run => run.Count));
    }

    [Fact]
    public void A_bundle_reads_back_as_its_events_with_each_ones_trace_parent()
    {
        var traced = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var run = new List<OutgoingEvent>
        {
            OutgoingEvent.Of(new ProbeBundled(1, false)) with { Parent = traced },
            OutgoingEvent.Of(new ProbeBundled(2, false)) with { Parent = default },
        };

        var properties = EventBundle.PropertiesOf(run, activity: null);
        var read = EventBundle.Read<ProbeBundled>(EventBundle.Body(run));
        var parents = EventBundle.ParentsOf(properties.Headers, read.Length);

        Assert.Equal(EventBundle.ContentType, properties.ContentType);
        Assert.Equal([1, 2], read.Select(e => e.Number));
        Assert.Equal(run.Select(e => e.Id), read.Select(e => e.Id));
        Assert.Equal(traced.TraceId, parents[0].TraceId);
        Assert.Equal(traced.SpanId, parents[0].SpanId);
        Assert.Equal(default, parents[1]);
        Assert.Throws<JsonException>(() => EventBundle.Read<ProbeBundled>("[]"u8));
        Assert.Throws<JsonException>(() => EventBundle.Read<ProbeBundled>("[null]"u8));
    }

    [Fact]
    public async Task A_run_travels_as_few_bundles_handled_in_order_and_a_bundle_with_a_poison_event_is_dead_lettered_whole()
    {
        var queue = Broker.UniqueQueue("bundled");
        await using (var declaring = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<ConcurrentQueue<int>>()
            .AddEventHandler<ProbeBundled, NumberRecorder>(queue), Cancellation))
        {
            await Broker.WaitForConsumerAsync(declaring.Connection, queue, Cancellation);
        }
        await using var publishing = await MessagingTestHost.StartAsync(suite, services => { }, Cancellation);
        var sent = Enumerable.Range(1, 100).Select(n => new ProbeBundled(n, Poison: n == 70)).ToList();

        var confirmed = await publishing.Services.GetRequiredService<IEventPublisher>()
            .PublishInOrderAsync([.. sent], Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var waiting = await Broker.MessageCountAsync(publishing.Connection, queue, Cancellation);

        await using var consuming = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<ConcurrentQueue<int>>()
            .AddEventHandler<ProbeBundled, NumberRecorder>(queue), Cancellation);
        var dead = await Broker.GetAsync(consuming.Connection, MessagingTopology.DeadLetterQueueOf(queue), Cancellation);
        var handled = consuming.Services.GetRequiredService<ConcurrentQueue<int>>();

        Assert.Equal(sent.Select(e => e.Id).ToHashSet(), confirmed);
        Assert.Equal(2u, waiting); // 64 + 36, where there were 100 messages
        Assert.Equal(Enumerable.Range(1, 100).Where(n => n != 70), handled);
        Assert.Equal(EventBundle.ContentType, dead.BasicProperties.ContentType);
        Assert.Equal(Enumerable.Range(65, 36), EventBundle.Read<ProbeBundled>(dead.Body.Span).Select(e => e.Number));
        Assert.Equal(0u, await Broker.MessageCountAsync(consuming.Connection, queue, Cancellation));
    }

    [Fact]
    public async Task A_batch_handler_gets_a_bundles_events_in_its_batches_and_a_failing_one_dead_letters_the_bundle()
    {
        var queue = Broker.UniqueQueue("bundled-batches");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<BatchTests.Seen>()
            .AddEventHandler<ProbeBatched, BatchTests.BatchRecorder>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        var healthy = Enumerable.Range(1, 50).Select(n => new ProbeBatched(n, Poison: false)).ToList();
        var poisoned = Enumerable.Range(51, 10).Select(n => new ProbeBatched(n, Poison: n == 55)).ToList();

        await publisher.PublishInOrderAsync([.. healthy], Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var seen = host.Services.GetRequiredService<BatchTests.Seen>();
        await seen.WaitForCountAsync(50, Cancellation);
        await publisher.PublishInOrderAsync([.. poisoned], Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var dead = await Broker.GetAsync(host.Connection, MessagingTopology.DeadLetterQueueOf(queue), Cancellation);
        await seen.WaitForCountAsync(59, Cancellation);

        Assert.Equal(50, seen.LargestBatch);
        Assert.Equal(Enumerable.Range(1, 60).Where(n => n != 55), seen.Handled);
        Assert.Equal(poisoned.Select(e => e.Id), EventBundle.Read<ProbeBatched>(dead.Body.Span).Select(e => e.Id));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("""{"text":"not an array"}""")]
    [InlineData("""[{"text":"no envelope"}]""")]
    public async Task A_bundle_that_cannot_be_read_is_dead_lettered_at_once(string body)
    {
        var queue = Broker.UniqueQueue("bundled-malformed");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbeBundledMalformed>>()
            .AddEventHandler<ProbeBundledMalformed, RecordingHandler<ProbeBundledMalformed>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);

        await using (var channel = await host.Connection.CreateChannelAsync(cancellationToken: Cancellation).WaitAsync(Deadlines.Request, Cancellation))
        {
            var properties = new BasicProperties { MessageId = Guid.NewGuid().ToString(), ContentType = EventBundle.ContentType, Persistent = true };
            await channel.BasicPublishAsync(MessagingTopology.Exchange, EventNames.Of<ProbeBundledMalformed>(), mandatory: true, properties, Encoding.UTF8.GetBytes(body), Cancellation)
                .AsTask().WaitAsync(Deadlines.Request, Cancellation);
        }
        var dead = await Broker.GetAsync(host.Connection, MessagingTopology.DeadLetterQueueOf(queue), Cancellation);

        Assert.Equal(body, Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal(0, host.Services.GetRequiredService<Deliveries<ProbeBundledMalformed>>().Attempts);
    }

    /// <summary>Records each number handled; a poison event always fails.</summary>
    public sealed class NumberRecorder(ConcurrentQueue<int> handled) : IEventHandler<ProbeBundled>
    {
        public Task HandleAsync(ProbeBundled @event, EventContext context, CancellationToken cancellationToken)
        {
            if (@event.Poison)
            {
                throw new InvalidOperationException("A poison event.");
            }
            handled.Enqueue(@event.Number);
            return Task.CompletedTask;
        }
    }
}
