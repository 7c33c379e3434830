using System.Collections.Concurrent;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>Batch handlers get what waits in their queue together, in order; the outbox keeps write order.</summary>
public sealed class BatchTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waiting_events_reach_a_batch_handler_together_in_order_and_a_poison_one_is_dead_lettered_alone()
    {
        var queue = Broker.UniqueQueue("batched");
        // The first host declares the queue and goes; the events then wait in it for the second.
        await using (var declaring = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Seen>()
            .AddEventHandler<ProbeBatched, BatchRecorder>(queue), Cancellation))
        {
            await Broker.WaitForConsumerAsync(declaring.Connection, queue, Cancellation);
        }
        await using var host = await MessagingTestHost.StartAsync(suite, services => services.AddSingleton<Seen>(), Cancellation);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        var sent = Enumerable.Range(1, 60).Select(n => new ProbeBatched(n, Poison: n == 7)).ToList();
        foreach (var @event in sent)
        {
            await publisher.PublishAsync(@event, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }

        await using var consuming = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Seen>()
            .AddEventHandler<ProbeBatched, BatchRecorder>(queue), Cancellation);
        var seen = consuming.Services.GetRequiredService<Seen>();
        var dead = await Broker.GetAsync(consuming.Connection, MessagingTopology.DeadLetterQueueOf(queue), Cancellation);
        await seen.WaitForCountAsync(59, Cancellation);

        Assert.Equal(sent[6].Id.ToString(), dead.BasicProperties.MessageId);
        Assert.Equal(sent.Where(e => !e.Poison).Select(e => e.Number), seen.Handled);
        Assert.True(seen.LargestBatch > 1, $"largest batch {seen.LargestBatch}");
        Assert.Equal(0u, await Broker.MessageCountAsync(consuming.Connection, queue, Cancellation));
    }

    [Fact]
    public async Task A_gathering_handler_takes_events_that_trickle_in_as_one_batch()
    {
        var queue = Broker.UniqueQueue("gathered");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Seen>()
            .AddEventHandler<ProbeBatched, BatchRecorder>(queue, gather: TimeSpan.FromSeconds(3)), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        // Ten events 20 ms apart, each its own delivery: without gathering each would be a batch of one.
        foreach (var number in Enumerable.Range(1, 10))
        {
            await publisher.PublishAsync(new ProbeBatched(number, Poison: false), Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            await Task.Delay(20, Cancellation);
        }
        var seen = host.Services.GetRequiredService<Seen>();
        await seen.WaitForCountAsync(10, Cancellation);

        Assert.Equal(Enumerable.Range(1, 10), seen.Handled);
        Assert.Equal(10, seen.LargestBatch);
    }

    [Fact]
    public void Only_a_batch_handler_gathers()
    {
        var services = new ServiceCollection();

        var oneAtATime = Assert.Throws<ArgumentException>(() => services.AddEventHandler<ProbeOrdered, OrderRecorder>("one-at-a-time", gather: TimeSpan.FromSeconds(1)));
        var tooLong = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddEventHandler<ProbeBatched, BatchRecorder>("too-long", gather: TimeSpan.FromMinutes(1)));

        Assert.Equal("gather", oneAtATime.ParamName);
        Assert.Equal("gather", tooLong.ParamName);
    }

    [Fact]
    public async Task The_relay_publishes_in_the_order_rows_were_written_not_the_order_transactions_began()
    {
        await using var host = await StartRecordingOrderAsync("ordered");

        // The first writer's transaction begins first but writes and commits last.
        await using var first = await host.DataSource.OpenConnectionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await using var firstTransaction = await first.BeginTransactionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await using (var begin = new NpgsqlCommand("SELECT now()", first, firstTransaction))
        {
            await begin.ExecuteScalarAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        await Task.Delay(50, Cancellation);
        await WriteAsync(host.DataSource, "second", Cancellation);
        await OutboxWriter.AddRangeAsync(first, firstTransaction, Events("first"), Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await firstTransaction.CommitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        var received = host.Services.GetRequiredService<ConcurrentQueue<ProbeOrdered>>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (received.Count < 100)
        {
            await Task.Delay(50, deadline.Token);
        }

        Assert.Equal(
            Events("second").Concat(Events("first")).Cast<ProbeOrdered>().Select(e => $"{e.Writer} {e.Number}"),
            received.Select(e => $"{e.Writer} {e.Number}"));
    }

    [Fact]
    public async Task Many_batches_in_flight_at_once_still_arrive_in_write_order_and_all_leave_the_outbox()
    {
        await using var host = await StartRecordingOrderAsync("pipelined");

        // Eight commits of 250 (the relay's batch) each, back to back: the leader sends the later ones
        // while the earlier ones wait for their confirms and deletes.
        var writers = Enumerable.Range(1, 8).Select(n => $"burst {n}").ToList();
        List<Contracts.IntegrationEvent> written = [];
        foreach (var writer in writers)
        {
            var events = Enumerable.Range(1, 250).Select(n => (Contracts.IntegrationEvent)new ProbeOrdered(writer, n)).ToList();
            await using var connection = await host.DataSource.OpenConnectionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
            await using var transaction = await connection.BeginTransactionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
            await OutboxWriter.AddRangeAsync(connection, transaction, events, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            await transaction.CommitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            written.AddRange(events);
        }

        var received = host.Services.GetRequiredService<ConcurrentQueue<ProbeOrdered>>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (received.Count < written.Count)
        {
            await Task.Delay(50, deadline.Token);
        }
        await using var left = host.DataSource.CreateCommand("SELECT count(*) FROM messaging.outbox WHERE id = ANY($1)");
        left.Parameters.Add(new() { Value = written.Select(e => e.Id).ToArray() });
        while ((long)(await left.ExecuteScalarAsync(deadline.Token))! > 0)
        {
            await Task.Delay(50, deadline.Token);
        }

        Assert.Equal(written.Cast<ProbeOrdered>().Select(e => $"{e.Writer} {e.Number}"), received.Select(e => $"{e.Writer} {e.Number}"));
    }

    [Fact]
    public async Task Two_outbox_rows_carrying_one_event_both_leave_the_outbox_and_the_relay_goes_on()
    {
        await using var host = await StartRecordingOrderAsync("twice");
        var twice = new ProbeOrdered("twice", 1);
        var after = new ProbeOrdered("after", 1);

        // Nothing but the writers keeps an event from being written twice; the relay must not choke on it.
        await using (var connection = await host.DataSource.OpenConnectionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation))
        {
            await OutboxWriter.AddRangeAsync(connection, transaction, [twice, twice], Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            await transaction.CommitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        await WriteAsync(host.DataSource, [after], Cancellation);

        var received = host.Services.GetRequiredService<ConcurrentQueue<ProbeOrdered>>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (!received.Any(e => e.Id == after.Id))
        {
            await Task.Delay(50, deadline.Token);
        }
        await using var left = host.DataSource.CreateCommand("SELECT count(*) FROM messaging.outbox WHERE id = ANY($1)");
        left.Parameters.Add(new() { Value = new[] { twice.Id, after.Id } });
        while ((long)(await left.ExecuteScalarAsync(deadline.Token))! > 0)
        {
            await Task.Delay(50, deadline.Token);
        }

        Assert.Contains(received, e => e.Id == twice.Id);
    }

    /// <summary>A host whose handler records <see cref="ProbeOrdered"/> events in the order they arrive, its queue bound and the outbox there.</summary>
    private async Task<MessagingTestHost> StartRecordingOrderAsync(string queueName)
    {
        var queue = Broker.UniqueQueue(queueName);
        var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<ConcurrentQueue<ProbeOrdered>>()
            .AddEventHandler<ProbeOrdered, OrderRecorder>(queue), Cancellation);
        try
        {
            await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
            await MessagingSchema.EnsureAsync(host.DataSource, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static List<Contracts.IntegrationEvent> Events(string writer) =>
        [.. Enumerable.Range(1, 50).Select(n => new ProbeOrdered(writer, n))];

    private static Task WriteAsync(NpgsqlDataSource dataSource, string writer, CancellationToken cancellationToken) =>
        WriteAsync(dataSource, Events(writer), cancellationToken);

    private static async Task WriteAsync(NpgsqlDataSource dataSource, List<Contracts.IntegrationEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).AsTask().WaitAsync(Deadlines.Request, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).AsTask().WaitAsync(Deadlines.Request, cancellationToken);
        await OutboxWriter.AddRangeAsync(connection, transaction, events, cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        await transaction.CommitAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
    }

    public sealed class Seen
    {
        private readonly ConcurrentQueue<int> _handled = new();
        private int _largestBatch;

        public IEnumerable<int> Handled => _handled;
        public int LargestBatch => Volatile.Read(ref _largestBatch);

        public void Record(IReadOnlyList<EventDelivery<ProbeBatched>> batch)
        {
            var largest = _largestBatch;
            while (batch.Count > largest && Interlocked.CompareExchange(ref _largestBatch, batch.Count, largest) != largest)
            {
                largest = _largestBatch;
            }
            foreach (var delivery in batch)
            {
                _handled.Enqueue(delivery.Event.Number);
            }
        }

        public async Task WaitForCountAsync(int count, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Deadlines.Request);
            while (_handled.Count < count)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary>All or nothing, as a transaction would be: a batch holding the poison event records none of it.</summary>
    public sealed class BatchRecorder(Seen seen) : IBatchEventHandler<ProbeBatched>
    {
        public Task HandleBatchAsync(IReadOnlyList<EventDelivery<ProbeBatched>> batch, CancellationToken cancellationToken)
        {
            if (batch.Any(delivery => delivery.Event.Poison))
            {
                throw new InvalidOperationException("A poison event.");
            }
            seen.Record(batch);
            return Task.CompletedTask;
        }
    }

    public sealed class OrderRecorder(ConcurrentQueue<ProbeOrdered> received) : IEventHandler<ProbeOrdered>
    {
        public Task HandleAsync(ProbeOrdered @event, EventContext context, CancellationToken cancellationToken)
        {
            received.Enqueue(@event);
            return Task.CompletedTask;
        }
    }
}
