using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

internal sealed partial class EventConsumer<TEvent, THandler>
{
    /// <summary>An event read from a delivery; its body is only valid during the library's callback.</summary>
    private sealed record Received(TEvent Event, bool Redelivered, ActivityContext Parent)
    {
        public EventContext Context(string queue, string eventName, int attempt) => new(queue, eventName, attempt, Redelivered, Parent);
    }

    /// <summary>One delivery and its events in order: one, or the events of a bundle (<see cref="EventBundle"/>), settled together.</summary>
    private sealed record Delivered(ulong DeliveryTag, string? MessageId, Received[] Events);

    private enum Outcome
    {
        Handled,
        DeadLettered,
        Stopping,
    }

    /// <summary>
    /// Reads the body; one that is not a <typeparamref name="TEvent"/> (or a bundle of them) is
    /// rejected at once, as no retry can fix it (not JSON, a missing member, a type the body cannot fill).
    /// </summary>
    private async Task<Delivered?> ReceiveAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var messageId = delivery.BasicProperties.MessageId;
        var headers = delivery.BasicProperties.Headers;
        try
        {
            Received[] events;
            if (EventBundle.IsBundle(delivery.BasicProperties))
            {
                var bundled = EventBundle.Read<TEvent>(delivery.Body.Span);
                var parents = EventBundle.ParentsOf(headers, bundled.Length);
                events = new Received[bundled.Length];
                for (var i = 0; i < bundled.Length; i++)
                {
                    events[i] = new Received(bundled[i], delivery.Redelivered, parents[i]);
                }
            }
            else
            {
                events = [new Received(EventJson.Deserialize<TEvent>(delivery.Body.Span), delivery.Redelivered, TraceContext.Extract(headers))];
            }
            var now = time.GetUtcNow();
            foreach (var received in events)
            {
                metrics.ReceiveDelay(queue.Subscriber, _eventName, now - received.Event.OccurredAt);
            }
            return new Delivered(delivery.DeliveryTag, messageId, events);
        }
        catch (Exception exception)
        {
            using var activity = MessagingTelemetry.StartProcess(_eventName, messageId, queue.Name, TraceContext.Extract(headers));
            activity.Failed(exception);
            logger.MalformedDeadLettered(exception, queue.Name, _eventName, messageId);
            await SettleAsync(channel, delivery.DeliveryTag, messageId, handled: false, "malformed");
            return null;
        }
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        if (await ReceiveAsync(channel, delivery) is { } delivered)
        {
            await HandleEachAsync(channel, delivered, firstAttempt: 1, stoppingToken);
        }
    }

    /// <summary>
    /// Each event of the delivery in order, with its retries; then the delivery is settled once:
    /// acked when every event was handled, dead-lettered when one could not be.
    /// </summary>
    private async Task HandleEachAsync(IChannel channel, Delivered delivered, int firstAttempt, CancellationToken stoppingToken)
    {
        var handled = true;
        foreach (var received in delivered.Events)
        {
            switch (await HandleWithRetriesAsync(received, firstAttempt, stoppingToken))
            {
                case Outcome.Stopping:
                    return; // unsettled: the broker delivers it again
                case Outcome.DeadLettered:
                    handled = false;
                    break;
            }
        }
        await SettleAsync(channel, delivered.DeliveryTag, delivered.MessageId, handled, handled ? null : "handler", count: delivered.Events.Length);
    }

    /// <summary>
    /// Runs the handler; a failure is retried in process with growing delays, and after the last
    /// attempt the event is given up, so that its delivery is rejected without requeue and the broker
    /// dead-letters it.
    /// </summary>
    private async Task<Outcome> HandleWithRetriesAsync(Received received, int firstAttempt, CancellationToken stoppingToken)
    {
        using var activity = MessagingTelemetry.StartProcess(_eventName, received.Event.Id.ToString(), queue.Name, received.Parent);
        var attempts = _options.RetryAttempts + 1;
        for (var attempt = firstAttempt; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                await InvokeHandlerAsync(received.Event, received.Context(queue.Name, _eventName, attempt), stoppingToken);
                return Outcome.Handled;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Neither ack nor reject: the closing channel returns the message to a shared queue
                // (a broadcast queue goes away with it, as its instance does).
                return Outcome.Stopping;
            }
            catch (Exception exception) when (attempt >= attempts)
            {
                activity.Failed(exception);
                logger.HandlerDeadLettered(exception, queue.Name, _eventName, received.Event.Id, attempts);
                return Outcome.DeadLettered;
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
                return Outcome.Stopping;
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
