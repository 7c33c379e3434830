using ChatCloud.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

/// <summary>
/// One queue's consumer: declares the queue (bound to <typeparamref name="TEvent"/>'s name, with its
/// dead-letter queue), consumes with a bounded prefetch and hands each delivery to
/// <typeparamref name="THandler"/>. A channel the broker closes is replaced; a lost connection is
/// recovered by the client library, which also restores this channel's consumer.
/// </summary>
internal sealed partial class EventConsumer<TEvent, THandler>(
    string queue,
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
                    logger.ConsumerFailed(exception, queue, delay);
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unacknowledged deliveries go back to the queue when the channel closes.
        }
    }

    private async Task ConsumeUntilEndedAsync(CancellationToken stoppingToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await MessagingTopology.DeclareQueueAsync(channel, queue, _eventName, stoppingToken);
        await channel.BasicQosAsync(prefetchSize: 0, _options.Prefetch, global: false, stoppingToken);

        // Only a close with the connection still open ends this channel for good; after a lost
        // connection the library's recovery reopens the channel and its consumer by itself. The
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

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(channel, delivery, stoppingToken);
        consumer.UnregisteredAsync += (_, _) =>
        {
            if (connection.IsOpen)
            {
                ended.TrySetResult("consumer cancelled by the broker");
            }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stoppingToken);
        logger.Consuming(queue, _eventName, _options.Prefetch);

        var reason = await ended.Task.WaitAsync(stoppingToken);
        logger.ConsumerEnded(queue, reason);
    }
}
