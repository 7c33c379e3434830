using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

internal sealed partial class EventConsumer<TEvent, THandler>
{
    /// <summary>
    /// Acks only after the handler succeeded. A failure is retried in process with growing delays,
    /// then rejected without requeue so the broker dead-letters it; a body that is not a
    /// <typeparamref name="TEvent"/> is rejected at once, as no retry can fix it.
    /// </summary>
    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var messageId = delivery.BasicProperties.MessageId;
        var parent = TraceContext.Extract(delivery.BasicProperties.Headers);
        using var activity = MessagingTelemetry.StartProcess(_eventName, messageId, queue.Name, parent);

        TEvent @event;
        try
        {
            @event = EventJson.Deserialize<TEvent>(delivery.Body.Span);
        }
        catch (Exception exception)
        {
            // Whatever the reason (not JSON, a missing member, a type the body cannot fill), no retry can fix it.
            activity.Failed(exception);
            logger.MalformedDeadLettered(exception, queue.Name, _eventName, messageId);
            await SettleAsync(channel, delivery, handled: false, "malformed");
            return;
        }

        var attempts = _options.RetryAttempts + 1;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                await InvokeHandlerAsync(@event, new EventContext(queue.Name, _eventName, attempt, delivery.Redelivered, parent), stoppingToken);
                await SettleAsync(channel, delivery, handled: true, reason: null);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Neither ack nor reject: the closing channel returns the message to a shared queue
                // (a broadcast queue goes away with it, as its instance does).
                return;
            }
            catch (Exception exception) when (attempt == attempts)
            {
                activity.Failed(exception);
                logger.HandlerDeadLettered(exception, queue.Name, _eventName, @event.Id, attempts);
                await SettleAsync(channel, delivery, handled: false, "handler");
                return;
            }
            catch (Exception exception)
            {
                delay = _options.RetryDelay(attempt);
                metrics.Retried(queue.Subscriber, _eventName);
                logger.HandlerRetrying(exception, queue.Name, _eventName, @event.Id, attempt, attempts, delay);
            }
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task InvokeHandlerAsync(TEvent @event, EventContext context, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        await handler.HandleAsync(@event, context, stoppingToken);
    }

    /// <summary>Acks a handled delivery, or rejects it without requeue so the broker dead-letters it.</summary>
    private async Task SettleAsync(IChannel channel, BasicDeliverEventArgs delivery, bool handled, string? reason)
    {
        try
        {
            // Not cancellable: once decided, the outcome should reach the broker even while stopping.
            if (handled)
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
                metrics.Consumed(queue.Subscriber, _eventName);
            }
            else
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, CancellationToken.None);
                metrics.DeadLettered(queue.Subscriber, _eventName, reason ?? "unknown");
            }
        }
        catch (Exception exception)
        {
            // The channel is gone: the broker redelivers the unsettled message on another one (a
            // broadcast queue is gone with it).
            logger.SettleFailed(exception, queue.Name, delivery.BasicProperties.MessageId);
        }
    }
}
