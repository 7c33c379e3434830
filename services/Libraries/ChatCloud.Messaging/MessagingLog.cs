using Microsoft.Extensions.Logging;

namespace ChatCloud.Messaging;

/// <summary>Every log line of the bus. Ids and names only: message bodies can hold private text.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(1, LogLevel.Warning, "Publishing {EventName} {EventId} failed")]
    public static partial void PublishFailed(this ILogger logger, Exception exception, string eventName, Guid eventId);

    [LoggerMessage(2, LogLevel.Information, "Consuming {Queue} (routing key {RoutingKey}, prefetch {Prefetch})")]
    public static partial void Consuming(this ILogger logger, string queue, string routingKey, ushort prefetch);

    [LoggerMessage(3, LogLevel.Warning, "Consuming {Queue} stopped ({Reason}); starting again")]
    public static partial void ConsumerEnded(this ILogger logger, string queue, string reason);

    [LoggerMessage(4, LogLevel.Error, "Consumer of {Queue} failed; retrying in {Delay}")]
    public static partial void ConsumerFailed(this ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Warning, "Handler for {EventName} {EventId} on {Queue} failed (attempt {Attempt} of {Attempts}); retrying in {Delay}")]
    public static partial void HandlerRetrying(this ILogger logger, Exception exception, string queue, string eventName, Guid eventId, int attempt, int attempts, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Error, "Handler for {EventName} {EventId} on {Queue} failed {Attempts} times; dead-lettered")]
    public static partial void HandlerDeadLettered(this ILogger logger, Exception exception, string queue, string eventName, Guid eventId, int attempts);

    [LoggerMessage(7, LogLevel.Error, "Message {MessageId} on {Queue} is not a valid {EventName}; dead-lettered")]
    public static partial void MalformedDeadLettered(this ILogger logger, Exception exception, string queue, string eventName, string? messageId);

    [LoggerMessage(13, LogLevel.Warning, "Could not settle message {MessageId} on {Queue}; the broker will deliver it again")]
    public static partial void SettleFailed(this ILogger logger, Exception exception, string queue, string? messageId);

    [LoggerMessage(8, LogLevel.Debug, "Outbox relay confirmed {Count} events")]
    public static partial void OutboxPublished(this ILogger logger, int count);

    [LoggerMessage(9, LogLevel.Warning, "Outbox relay failed; retrying in {Delay}")]
    public static partial void OutboxRelayFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Warning, "Listening for outbox notifications failed; polling until it is back, retrying in {Delay}")]
    public static partial void OutboxListenFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(12, LogLevel.Warning, "Creating the messaging schema failed; retrying in {Delay}")]
    public static partial void SchemaFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(13, LogLevel.Debug, "Closing a publishing channel failed")]
    public static partial void PublishChannelDisposeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "A batch of {Count} from {Queue} failed; handling its events one by one")]
    public static partial void BatchFailed(this ILogger logger, Exception exception, string queue, int count);

    [LoggerMessage(15, LogLevel.Warning, "Publishing a stream batch failed: {Count} events were not confirmed")]
    public static partial void PublishFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(16, LogLevel.Information, "This process's outbox relay leads: it publishes every service's outbox rows")]
    public static partial void OutboxLeading(this ILogger logger);
}
