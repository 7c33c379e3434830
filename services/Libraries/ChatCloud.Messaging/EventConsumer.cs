using ChatCloud.Contracts;
using ChatCloud.Contracts.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

/// <summary>
/// One queue's consumer, shared or broadcast alike: declares the queue (bound to
/// <typeparamref name="TEvent"/>'s name, with its dead-letter queue), consumes with a bounded
/// prefetch and hands each delivery to <typeparamref name="THandler"/>. A channel the broker closes
/// is replaced and the queue declared again; a lost connection is recovered by the client library,
/// and when that recovery did not bring this consumer back, the queue is declared again too.
/// </summary>
internal sealed partial class EventConsumer<TEvent, THandler>(
    ConsumerQueue queue,
    IConnection connection,
    IServiceScopeFactory scopes,
    IServiceProvider services,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    TimeProvider time,
    ILogger<EventConsumer<TEvent, THandler>> logger) : BackgroundService
    where TEvent : IntegrationEvent
    where THandler : class, IEventHandler<TEvent>
{
    private readonly string _eventName = EventNames.Of<TEvent>();
    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Handlers use the inbox, so its table must exist before the first delivery.
            if (services.GetService<NpgsqlDataSource>() is not null)
            {
                await services.GetRequiredService<MessagingSchemaGate>().EnsureAsync(stoppingToken);
            }
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ConsumeUntilEndedAsync(stoppingToken);
                    failures = 0;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = Backoff.After(++failures);
                    logger.ConsumerFailed(exception, queue.Name, delay);
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unacknowledged deliveries go back to a shared queue when the channel closes;
            // a broadcast queue is deleted with its last consumer.
        }
    }

    private async Task ConsumeUntilEndedAsync(CancellationToken stoppingToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        // An edge's own queue for room events binds the rooms its users are in; any other, all of them.
        var rooms = queue.Broadcast && typeof(IRoomScoped).IsAssignableFrom(typeof(TEvent)) ? services.GetService<RoomSubscriptions>() : null;
        // Bound to its rooms, an edge still takes the bare name: the room events meant for every edge.
        await MessagingTopology.DeclareQueueAsync(channel, queue, rooms is null ? EventRouting.AllOf(_eventName) : [_eventName], stoppingToken);
        var binder = rooms is null ? null : new RoomBinder(channel, queue.Name, _eventName);
        if (binder is not null)
        {
            await rooms!.AttachAsync(binder, stoppingToken);
        }
        try
        {
            await ConsumeAsync(channel, stoppingToken);
        }
        finally
        {
            if (binder is not null)
            {
                rooms!.Detach(binder);
            }
        }
    }

    private sealed class RoomBinder(IChannel channel, string queue, string eventName) : IRoomBinder
    {
        public Task BindAsync(string topic, CancellationToken cancellationToken) =>
            channel.QueueBindAsync(queue, MessagingTopology.Exchange, EventRouting.KeyOf(eventName, topic), cancellationToken: cancellationToken);

        public Task UnbindAsync(string topic, CancellationToken cancellationToken) =>
            channel.QueueUnbindAsync(queue, MessagingTopology.Exchange, EventRouting.KeyOf(eventName, topic), cancellationToken: cancellationToken);
    }

    private async Task ConsumeAsync(IChannel channel, CancellationToken stoppingToken)
    {
        await channel.BasicQosAsync(prefetchSize: 0, _options.Prefetch, global: false, stoppingToken);

        // Only a close with the connection still open ends this channel for good; after a lost
        // connection the library's recovery reopens the channel, and usually its consumer. The
        // broker also cancels a consumer whose queue was deleted: declaring again brings it back.
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, args) =>
        {
            if (connection.IsOpen)
            {
                ended.TrySetResult($"channel closed: {args.ReplyCode} {args.ReplyText}");
            }
            return Task.CompletedTask;
        };

        await using var pump = HandlesBatches ? new BatchPump(this, channel, stoppingToken) : null;
        pump?.Start();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => pump is null ? HandleDeliveryAsync(channel, delivery, stoppingToken) : pump.EnqueueAsync(delivery);
        consumer.UnregisteredAsync += (_, _) =>
        {
            if (connection.IsOpen)
            {
                ended.TrySetResult("consumer cancelled by the broker");
            }
            return Task.CompletedTask;
        };

        // Before it reports a recovery the library declares the queue again (even an exclusive one,
        // which the broker deleted with the old connection) and re-registers the consumer, unless
        // topology recovery is off, filtered or failed; then only declaring again brings the
        // consumer back. One not yet told of its re-registration looks stopped too: declaring again
        // is then merely redundant.
        AsyncEventHandler<AsyncEventArgs> recovered = (_, _) =>
        {
            if (!consumer.IsRunning)
            {
                ended.TrySetResult("the connection recovered without this consumer");
            }
            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += recovered;
        try
        {
            await channel.BasicConsumeAsync(queue.Name, autoAck: false, consumer, stoppingToken);
            logger.Consuming(queue.Name, _eventName, _options.Prefetch);

            var reason = await ended.Task.WaitAsync(stoppingToken);
            logger.ConsumerEnded(queue.Name, reason);
        }
        finally
        {
            connection.RecoverySucceededAsync -= recovered;
        }
    }
}
