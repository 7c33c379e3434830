using ChatCloud.Contracts;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>A broadcast handler runs in every instance, and an instance that stops leaves nothing behind.</summary>
public sealed class BroadcastTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_instance_receives_every_event()
    {
        var subscriber = Broker.UniqueQueue("broadcast");
        await using var first = await StartInstanceAsync<ProbeBroadcast, RecordingHandler<ProbeBroadcast>>(subscriber);
        await using var second = await StartInstanceAsync<ProbeBroadcast, RecordingHandler<ProbeBroadcast>>(subscriber);
        var sent = Enumerable.Range(1, 20).Select(i => new ProbeBroadcast($"event {i}")).ToArray();

        var publisher = first.Services.GetRequiredService<IEventPublisher>();
        foreach (var @event in sent)
        {
            await publisher.PublishAsync(@event, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }

        Assert.NotEqual(QueueOf(first, subscriber), QueueOf(second, subscriber));
        foreach (var instance in new[] { first, second })
        {
            var deliveries = instance.Services.GetRequiredService<Deliveries<ProbeBroadcast>>();
            foreach (var @event in sent)
            {
                var (received, context) = await deliveries.WaitForAsync(@event.Id, Cancellation);
                Assert.Equal(@event, received);
                Assert.Equal(QueueOf(instance, subscriber), context.Queue);
            }
            Assert.Equal(sent.Length, deliveries.Attempts);
        }
    }

    [Fact]
    public async Task A_stopped_instance_leaves_no_queue_behind()
    {
        var subscriber = Broker.UniqueQueue("broadcast-left");
        await using var staying = await StartInstanceAsync<ProbeBroadcastLeft, RecordingHandler<ProbeBroadcastLeft>>(subscriber);
        await using var leaving = await StartInstanceAsync<ProbeBroadcastLeft, RecordingHandler<ProbeBroadcastLeft>>(subscriber);
        var leavingQueue = QueueOf(leaving, subscriber);

        // While the instance runs its queue is there, but only for its own connection.
        Assert.Equal(Constants.ResourceLocked, await Broker.PassiveDeclareRefusalAsync(staying.Connection, leavingQueue, Cancellation));
        // Stopped, with its connection still open: the queue goes with its consumer, not only with the connection.
        await leaving.StopAsync();

        await Broker.WaitUntilGoneAsync(staying.Connection, leavingQueue, Cancellation);
        Assert.Null(await Broker.PassiveDeclareRefusalAsync(staying.Connection, QueueOf(staying, subscriber), Cancellation));
        await Broker.WaitForConsumerAsync(staying.Connection, QueueOf(staying, subscriber), Cancellation);
    }

    [Fact]
    public async Task A_broadcast_handler_that_always_throws_dead_letters_into_the_subscribers_dead_letter_queue()
    {
        var subscriber = Broker.UniqueQueue("broadcast-fails");
        await using var host = await StartInstanceAsync<ProbeBroadcastFails, FailingHandler<ProbeBroadcastFails>>(subscriber);
        var sent = new ProbeBroadcastFails("poison");

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var dead = await Broker.GetAsync(host.Connection, MessagingTopology.DeadLetterQueueOf(subscriber), Cancellation);

        Assert.Equal(sent.Id.ToString(), dead.BasicProperties.MessageId);
        Assert.Equal("rejected", Broker.HeaderText(dead, "x-first-death-reason"));
        Assert.Equal(QueueOf(host, subscriber), Broker.HeaderText(dead, "x-first-death-queue"));
        Assert.Equal(1 + new MessagingOptions().RetryAttempts, host.Services.GetRequiredService<Deliveries<ProbeBroadcastFails>>().Attempts);
        Assert.Equal(0u, await Broker.MessageCountAsync(host.Connection, QueueOf(host, subscriber), Cancellation));
    }

    /// <summary>With topology recovery the client declares the queue again itself; without it, the consumer must.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_broadcast_consumer_is_back_after_its_connection_recovers(bool topologyRecovery)
    {
        var subscriber = Broker.UniqueQueue("broadcast-recovered");
        await using var host = await StartInstanceAsync<ProbeBroadcastRecovered, RecordingHandler<ProbeBroadcastRecovered>>(subscriber, factory =>
        {
            factory.TopologyRecoveryEnabled = topologyRecovery;
            factory.NetworkRecoveryInterval = TimeSpan.FromMilliseconds(200);
        });
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Connection.RecoverySucceededAsync += (_, _) =>
        {
            recovered.TrySetResult();
            return Task.CompletedTask;
        };

        await Broker.BreakConnectionAsync(host.Connection, Cancellation);
        await recovered.Task.WaitAsync(Deadlines.Request, Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, QueueOf(host, subscriber), Cancellation);

        // Events sent while the queue is declared again are lost to this instance by design, so
        // publish until one arrives.
        var deliveries = host.Services.GetRequiredService<Deliveries<ProbeBroadcastRecovered>>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (true)
        {
            var sent = new ProbeBroadcastRecovered("after the connection came back");
            await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, deadline.Token).WaitAsync(Deadlines.Request, deadline.Token);
            try
            {
                var (received, _) = await deliveries.WaitForAsync(sent.Id, deadline.Token).WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
                Assert.Equal(sent, received);
                return;
            }
            catch (TimeoutException)
            {
                // Not consuming yet: try again.
            }
        }
    }

    [Fact]
    public void A_service_without_a_database_can_register_a_broadcast_handler()
    {
        // What the host validates at start in Development: every registration can be built.
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConnection>(_ => throw new InvalidOperationException("Not built: only validated."))
            .AddSingleton<Deliveries<ProbeBroadcast>>()
            .AddBroadcastHandler<ProbeBroadcast, RecordingHandler<ProbeBroadcast>>("tests.without-database");

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Matches("^[a-z0-9-]+$", provider.GetRequiredService<MessagingInstance>().Id);
    }

    private async Task<MessagingTestHost> StartInstanceAsync<TEvent, THandler>(string subscriber, Action<ConnectionFactory>? configureConnection = null)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<TEvent>>()
            .AddBroadcastHandler<TEvent, THandler>(subscriber)
            // Fast retries: the schedule is the shared consumer's, tested there.
            .Configure<MessagingOptions>(options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(20)),
            configureConnection ?? (_ => { }), Cancellation);
        try
        {
            // The queue is exclusive: only the instance's own connection may ask about it.
            await Broker.WaitForConsumerAsync(host.Connection, QueueOf(host, subscriber), Cancellation);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static string QueueOf(MessagingTestHost host, string subscriber) =>
        MessagingTopology.BroadcastQueueOf(subscriber, host.Services.GetRequiredService<MessagingInstance>());
}
