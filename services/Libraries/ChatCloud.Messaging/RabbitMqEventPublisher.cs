using ChatCloud.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>Turns an event into a persistent, typed, traced AMQP message and waits for the confirm.</summary>
internal sealed class RabbitMqEventPublisher(
    PublisherChannelPool channels, IConnection connection, IOptions<MessagingOptions> options, MessagingMetrics metrics, ILoggerFactory loggers) : IEventPublisher, IAsyncDisposable
{
    private static readonly TimeSpan StreamConfirmTimeout = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger<RabbitMqEventPublisher>();
    private readonly OrderedPublisher _stream = new(connection, options, metrics, loggers.CreateLogger<OrderedPublisher>());
    private readonly SemaphoreSlim _streaming = new(1, 1);

    public async Task<Task<IReadOnlySet<Guid>>> SendInOrderAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outgoing = events.Select(OutgoingEvent.Of).ToList();
        Task<(List<Guid> Confirmed, Exception? Failure)> confirms;
        await _streaming.WaitAsync(cancellationToken);
        try
        {
            confirms = await _stream.SendAsync(outgoing, StreamConfirmTimeout, TimeProvider.System, cancellationToken);
        }
        finally
        {
            _streaming.Release();
        }
        return ConfirmedAsync(confirms, outgoing.Count, cancellationToken);
    }

    private async Task<IReadOnlySet<Guid>> ConfirmedAsync(Task<(List<Guid> Confirmed, Exception? Failure)> confirms, int sent, CancellationToken cancellationToken)
    {
        var (confirmed, failure) = await confirms;
        if (failure is not null && !cancellationToken.IsCancellationRequested)
        {
            _logger.PublishFailed(failure, sent - confirmed.Count);
        }
        return confirmed.ToHashSet();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _streaming.Dispose();
    }

    public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken) where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(@event);
        return PublishAsync(OutgoingEvent.Of(@event), cancellationToken);
    }

    public async Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken)
    {
        using var activity = MessagingTelemetry.StartPublish(outgoing.EventName, outgoing.Id, outgoing.Parent);
        var properties = PropertiesOf(outgoing, activity);
        try
        {
            await channels.PublishAsync(outgoing.RoutingKey, properties, outgoing.Body, cancellationToken);
            metrics.Published(outgoing.EventName);
        }
        catch (Exception exception)
        {
            metrics.PublishFailed(outgoing.EventName);
            activity.Failed(exception);
            if (!cancellationToken.IsCancellationRequested)
            {
                _logger.PublishFailed(exception, outgoing.EventName, outgoing.Id);
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
