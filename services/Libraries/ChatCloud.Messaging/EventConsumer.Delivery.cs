using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

internal sealed partial class EventConsumer<TEvent, THandler>
{
    /// <summary>A delivery read into an event; its body is only valid during the library's callback.</summary>
    private sealed record Received(TEvent Event, ulong DeliveryTag, string? MessageId, bool Redelivered, ActivityContext Parent)
    {
        public EventContext Context(string queue, string eventName, int attempt) => new(queue, eventName, attempt, Redelivered, Parent);
    }

    /// <summary>
    /// Reads the body; one that is not a <typeparamref name="TEvent"/> is rejected at once, as no
    /// retry can fix it (not JSON, a missing member, a type the body cannot fill).
    /// </summary>
    private async Task<Received?> ReceiveAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var messageId = delivery.BasicProperties.MessageId;
        var parent = TraceContext.Extract(delivery.BasicProperties.Headers);
        try
        {
            var @event = EventJson.Deserialize<TEvent>(delivery.Body.Span);
            metrics.ReceiveDelay(queue.Subscriber, _eventName, time.GetUtcNow() - @event.OccurredAt);
            return new Received(@event, delivery.DeliveryTag, messageId, delivery.Redelivered, parent);
        }
        catch (Exception exception)
        {
            using var activity = MessagingTelemetry.StartProcess(_eventName, messageId, queue.Name, parent);
            activity.Failed(exception);
            logger.MalformedDeadLettered(exception, queue.Name, _eventName, messageId);
            await SettleAsync(channel, delivery.DeliveryTag, messageId, handled: false, "malformed");
            return null;
        }
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        if (await ReceiveAsync(channel, delivery) is { } received)
        {
            await HandleWithRetriesAsync(channel, received, firstAttempt: 1, stoppingToken);
        }
    }

    /// <summary>
    /// Acks only after the handler succeeded. A failure is retried in process with growing delays,
    /// then rejected without requeue so the broker dead-letters it.
    /// </summary>
    private async Task HandleWithRetriesAsync(IChannel channel, Received received, int firstAttempt, CancellationToken stoppingToken)
    {
        using var activity = MessagingTelemetry.StartProcess(_eventName, received.MessageId, queue.Name, received.Parent);
        var attempts = _options.RetryAttempts + 1;
        for (var attempt = firstAttempt; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                await InvokeHandlerAsync(received.Event, received.Context(queue.Name, _eventName, attempt), stoppingToken);
                await SettleAsync(channel, received.DeliveryTag, received.MessageId, handled: true, reason: null);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Neither ack nor reject: the closing channel returns the message to a shared queue
                // (a broadcast queue goes away with it, as its instance does).
                return;
            }
            catch (Exception exception) when (attempt >= attempts)
            {
                activity.Failed(exception);
                logger.HandlerDeadLettered(exception, queue.Name, _eventName, received.Event.Id, attempts);
                await SettleAsync(channel, received.DeliveryTag, received.MessageId, handled: false, "handler");
                return;
            }
            catch (Exception exception)
            {
                delay = _options.RetryDelay(attempt);
                metrics.Retried(queue.Subscriber, _eventName);
                logger.HandlerRetrying(exception, queue.Name, _eventName, received.Event.Id, attempt, attempts, delay);
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

    /// <summary>
    /// Acks a handled delivery (with <paramref name="multiple"/>, every earlier unsettled one too),
    /// or rejects it without requeue so the broker dead-letters it.
    /// </summary>
    private async Task SettleAsync(IChannel channel, ulong deliveryTag, string? messageId, bool handled, string? reason, bool multiple = false, int count = 1)
    {
        try
        {
            // Not cancellable: once decided, the outcome should reach the broker even while stopping.
            if (handled)
            {
                await channel.BasicAckAsync(deliveryTag, multiple, CancellationToken.None);
                metrics.Consumed(queue.Subscriber, _eventName, count);
            }
            else
            {
                await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: false, CancellationToken.None);
                metrics.DeadLettered(queue.Subscriber, _eventName, reason ?? "unknown");
            }
        }
        catch (Exception exception)
        {
            // The channel is gone: the broker redelivers the unsettled message on another one (a
            // broadcast queue is gone with it).
            logger.SettleFailed(exception, queue.Name, messageId);
        }
    }
}
