using ChatCloud.Contracts;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>Turns an event into a persistent, typed, traced AMQP message and waits for the confirm.</summary>
internal sealed class RabbitMqEventPublisher(
    PublisherChannelPool channels, MessagingMetrics metrics, ILogger<RabbitMqEventPublisher> logger) : IEventPublisher
{
    public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken) where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(@event);
        // The runtime type, so an event passed as its base type still gets its own name and members.
        var outgoing = new OutgoingEvent(@event.Id, EventNames.Of(@event.GetType()), @event.OccurredAt, EventJson.Serialize(@event), TraceContext.Current);
        return PublishAsync(outgoing, cancellationToken);
    }

    public async Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken)
    {
        using var activity = MessagingTelemetry.StartPublish(outgoing.EventName, outgoing.Id, outgoing.Parent);
        var properties = PropertiesOf(outgoing, activity);
        try
        {
            await channels.PublishAsync(outgoing.EventName, properties, outgoing.Body, cancellationToken);
            metrics.Published(outgoing.EventName);
        }
        catch (Exception exception)
        {
            metrics.PublishFailed(outgoing.EventName);
            activity.Failed(exception);
            if (!cancellationToken.IsCancellationRequested)
            {
                logger.PublishFailed(exception, outgoing.EventName, outgoing.Id);
            }
            throw;
        }
    }

    /// <summary>Persistent, typed and traced: the publish span when it is recorded, else the caller's context, so the trace still crosses.</summary>
    internal static BasicProperties PropertiesOf(OutgoingEvent outgoing, System.Diagnostics.Activity? activity)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            Type = outgoing.EventName,
            MessageId = outgoing.Id.ToString(),
            Timestamp = new AmqpTimestamp(outgoing.OccurredAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>(),
        };
        TraceContext.Inject(activity?.Context ?? outgoing.Parent, properties.Headers);
        return properties;
    }
}
