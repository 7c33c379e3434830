using System.Diagnostics.Metrics;

namespace ChatCloud.Analytics.Activity;

/// <summary>What the aggregators counted, as OpenTelemetry metrics: the Aspire dashboard shows them live.</summary>
public sealed class ActivityMetrics
{
    public const string MeterName = "ChatCloud.Analytics";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _joins;
    private readonly Counter<long> _recommendations;
    private readonly Counter<long> _prefetch;
    private readonly UpDownCounter<long> _connections;

    public ActivityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("chatcloud.analytics.room_messages", "{message}", "Room messages counted into the hourly aggregates.");
        _joins = meter.CreateCounter<long>("chatcloud.analytics.room_joins", "{join}", "Room joins counted into the hourly aggregates.");
        _recommendations = meter.CreateCounter<long>("chatcloud.analytics.recommendations", "{item}", "Recommendation impressions and clicks (tag event).");
        _prefetch = meter.CreateCounter<long>("chatcloud.analytics.prefetch", "{open}", "Rooms opened by people, by prefetch outcome (tag outcome: hit, miss).");
        _connections = meter.CreateUpDownCounter<long>("chatcloud.analytics.connections", "{connection}",
            "Signed-in connections open, by kind (tcp, web), as counted since this analytics instance started.");
    }

    public void Recommendations(string kind, long count) => _recommendations.Add(count, new KeyValuePair<string, object?>("event", kind));

    public void Prefetch(bool hit) => _prefetch.Add(1, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));

    public void Connection(string kind, int delta) => _connections.Add(delta, new KeyValuePair<string, object?>("kind", kind));

    public void Counted(long messages, long joins)
    {
        _messages.Add(messages);
        _joins.Add(joins);
    }
}
