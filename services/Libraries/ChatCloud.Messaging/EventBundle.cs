using System.Diagnostics;
using System.Text.Json;
using ChatCloud.Contracts;
using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>
/// Several events of one name and routing key in one AMQP message: a JSON array of the events,
/// content type <see cref="ContentType"/>, the trace parent of each in <see cref="ParentsHeader"/>
/// (comma-separated, empty where none). The ordered publisher (the outbox relay, the edge's post
/// stream) sends a run of consecutive events that way, so the broker routes, stores, delivers and
/// acknowledges one message where it did dozens: at 800 chat messages a second each stored message
/// went to five queues, and the broker's per-message work was a third of a core (docs/benchmarks.md).
/// Consumers take a bundle apart and handle its events as if each had come alone; the bundle is
/// acknowledged once all of them are handled, and dead-lettered whole if one of them cannot be
/// (a replay then redelivers the others, which every consumer already de-duplicates).
/// </summary>
internal static class EventBundle
{
    public const string ContentType = "application/vnd.chatcloud.events+json";
    public const string ParentsHeader = "x-chatcloud-traceparents";

    /// <summary>A bundle's body stays well below the broker's and the consumers' frame and memory limits.</summary>
    public const int MaxBytes = 512 * 1024;

    public static bool IsBundle(IReadOnlyBasicProperties properties) => properties.ContentType == ContentType;

    /// <summary>
    /// <paramref name="events"/> cut, in order, into runs of consecutive events with the same name and
    /// routing key, each of at most <paramref name="maxEvents"/> events and <see cref="MaxBytes"/> bytes.
    /// </summary>
    public static List<List<OutgoingEvent>> Runs(IReadOnlyList<OutgoingEvent> events, int maxEvents)
    {
        List<List<OutgoingEvent>> runs = [];
        List<OutgoingEvent>? run = null;
        var bytes = 0;
        foreach (var outgoing in events)
        {
            if (run is null || run.Count >= maxEvents || bytes + outgoing.Body.Length + 1 > MaxBytes
                || run[0].EventName != outgoing.EventName || run[0].RoutingKey != outgoing.RoutingKey)
            {
                run = [];
                runs.Add(run);
                bytes = 2;
            }
            run.Add(outgoing);
            bytes += outgoing.Body.Length + 1;
        }
        return runs;
    }

    public static byte[] Body(IReadOnlyList<OutgoingEvent> run)
    {
        var body = new byte[run.Sum(outgoing => outgoing.Body.Length + 1) + 1];
        body[0] = (byte)'[';
        var at = 1;
        foreach (var outgoing in run)
        {
            if (at > 1)
            {
                body[at++] = (byte)',';
            }
            outgoing.Body.Span.CopyTo(body.AsSpan(at));
            at += outgoing.Body.Length;
        }
        body[at] = (byte)']';
        return body;
    }

    /// <summary>Persistent and typed like a single event; the message id is the first event's, for logs.</summary>
    public static BasicProperties PropertiesOf(IReadOnlyList<OutgoingEvent> run, Activity? activity)
    {
        var properties = RabbitMqEventPublisher.PropertiesOf(run[0], activity);
        properties.ContentType = ContentType;
        properties.Headers![ParentsHeader] = string.Join(',', run.Select(outgoing => TraceContext.FormatParent(outgoing.Parent) ?? ""));
        return properties;
    }

    /// <exception cref="JsonException">The body is not an array of complete <typeparamref name="TEvent"/>s.</exception>
    public static TEvent[] Read<TEvent>(ReadOnlySpan<byte> body) where TEvent : IntegrationEvent
    {
        var events = JsonSerializer.Deserialize<TEvent[]>(body, EventJson.Options) ?? throw new JsonException("The bundle is JSON null.");
        if (events.Length == 0 || Array.IndexOf(events, null) >= 0)
        {
            throw new JsonException("A bundle holds at least one event and no nulls.");
        }
        return events;
    }

    /// <summary>The trace parent of each of <paramref name="count"/> events; default where none was sent.</summary>
    public static ActivityContext[] ParentsOf(IDictionary<string, object?>? headers, int count)
    {
        var parents = new ActivityContext[count];
        if (headers is not null && TraceContext.HeaderText(headers, ParentsHeader) is { } text)
        {
            var each = text.Split(',');
            for (var i = 0; i < count && i < each.Length; i++)
            {
                parents[i] = TraceContext.Parse(each[i].Length == 0 ? null : each[i], null);
            }
        }
        return parents;
    }
}
