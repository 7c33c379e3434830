using System.Diagnostics.Metrics;

namespace ChatCloud.Analytics.Activity;

/// <summary>What the aggregators counted, as OpenTelemetry metrics: the Aspire dashboard shows them live.</summary>
public sealed class ActivityMetrics
{
    public const string MeterName = "ChatCloud.Analytics";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _joins;

    public ActivityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("chatcloud.analytics.room_messages", "{message}", "Room messages counted into the hourly aggregates.");
        _joins = meter.CreateCounter<long>("chatcloud.analytics.room_joins", "{join}", "Room joins counted into the hourly aggregates.");
    }

    public void Counted(long messages, long joins)
    {
        _messages.Add(messages);
        _joins.Add(joins);
    }
}
