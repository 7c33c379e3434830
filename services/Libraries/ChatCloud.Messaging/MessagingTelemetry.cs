using System.Diagnostics;

namespace ChatCloud.Messaging;

/// <summary>
/// The name of the meter and the activity source, for <c>AddMeter</c> / <c>AddSource</c> in the
/// service defaults. Span names and tags follow the OpenTelemetry messaging conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/).
/// </summary>
public static class MessagingTelemetry
{
    public const string Name = "ChatCloud.Messaging";

    internal static readonly ActivitySource ActivitySource = new(Name);

    /// <param name="count">Events sent in the one message: more than one is a bundle (<see cref="EventBundle"/>).</param>
    internal static Activity? StartPublish(string eventName, Guid eventId, ActivityContext parent, int count = 1)
    {
        var activity = Tag(ActivitySource.StartActivity($"publish {eventName}", ActivityKind.Producer, parent), "publish", "send", eventName, eventId.ToString());
        if (count > 1)
        {
            activity?.SetTag("messaging.batch.message_count", count);
        }
        return activity;
    }

    internal static Activity? StartProcess(string eventName, string? messageId, string queue, ActivityContext parent)
    {
        var activity = Tag(ActivitySource.StartActivity($"process {eventName}", ActivityKind.Consumer, parent), "process", "process", eventName, messageId);
        activity?.SetTag("messaging.consumer.group.name", queue);
        return activity;
    }

    /// <summary>One span for a batch, linked to the trace of each event in it.</summary>
    internal static Activity? StartProcessBatch(string eventName, string queue, int count, IEnumerable<ActivityContext> parents)
    {
        var links = parents.Where(parent => parent != default).Select(parent => new ActivityLink(parent));
        var activity = Tag(ActivitySource.StartActivity(ActivityKind.Consumer, default, links: links, name: $"process {eventName}"), "process", "process", eventName, messageId: null);
        activity?.SetTag("messaging.consumer.group.name", queue);
        activity?.SetTag("messaging.batch.message_count", count);
        return activity;
    }

    internal static void Failed(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.AddException(exception);
    }

    private static Activity? Tag(Activity? activity, string operation, string operationType, string eventName, string? messageId)
    {
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.name", operation);
        activity?.SetTag("messaging.operation.type", operationType);
        activity?.SetTag("messaging.destination.name", MessagingTopology.Exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", eventName);
        activity?.SetTag("messaging.message.id", messageId);
        return activity;
    }
}
