using System.Diagnostics.Metrics;

namespace ChatCloud.Messaging;

/// <summary>
/// The bus's instruments on the <see cref="MessagingTelemetry.Name"/> meter. The <c>queue</c> tag is
/// the <see cref="ConsumerQueue.Subscriber"/>: for a broadcast handler its subscriber name, not the
/// per-process queue, so a restart does not start new series.
/// </summary>
internal sealed class MessagingMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _outboxLag;
    private readonly Counter<long> _bestEffortDropped;
    private readonly Histogram<double> _confirmTime;
    private readonly Histogram<double> _receiveDelay;

    private readonly Meter _meter;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(MessagingTelemetry.Name);
        _published = meter.CreateCounter<long>("chatcloud.messaging.published", "{event}", "Events the broker confirmed.");
        _publishFailures = meter.CreateCounter<long>("chatcloud.messaging.publish_failures", "{event}", "Publishes that failed or were refused by the broker.");
        _consumed = meter.CreateCounter<long>("chatcloud.messaging.consumed", "{event}", "Events a handler completed.");
        _retried = meter.CreateCounter<long>("chatcloud.messaging.retried", "{attempt}", "Handler attempts repeated after a failure.");
        _deadLettered = meter.CreateCounter<long>("chatcloud.messaging.dead_lettered", "{event}", "Messages rejected to the dead-letter queue.");
        _bestEffortDropped = meter.CreateCounter<long>("chatcloud.messaging.best_effort.dropped", "{event}", "Best-effort events (user activity) lost: buffer full or broker too slow.");
        _outboxLag = meter.CreateHistogram<double>("chatcloud.messaging.outbox.lag", "s", "Time from an outbox row's transaction to the broker's confirm.");
        // With the receive delay, where a message's time goes between services: a broker slow to
        // confirm (disk syncs) shows here, a backed-up consumer in the delay of the next hop.
        _confirmTime = meter.CreateHistogram<double>("chatcloud.messaging.publish.confirm_time", "s", "Time from sending an ordered batch of events to the broker's last confirm of it.");
        _receiveDelay = meter.CreateHistogram<double>("chatcloud.messaging.receive.delay", "s", "Time from an event's occurrence to a consumer receiving it.");
    }

    public void Published(string eventName, int count = 1) => _published.Add(count, Event(eventName));

    public void PublishFailed(string eventName, int count = 1) => _publishFailures.Add(count, Event(eventName));

    public void Consumed(string queue, string eventName, int count = 1) => _consumed.Add(count, Event(eventName), Queue(queue));

    public void Retried(string queue, string eventName) => _retried.Add(1, Event(eventName), Queue(queue));

    /// <param name="reason"><c>handler</c> after the retries, <c>malformed</c> when the body could not be read.</param>
    public void DeadLettered(string queue, string eventName, string reason) =>
        _deadLettered.Add(1, Event(eventName), Queue(queue), new("reason", reason));

    public void BestEffortDropped(string eventName) => _bestEffortDropped.Add(1, Event(eventName));

    public void OutboxLag(string eventName, TimeSpan lag) => _outboxLag.Record(Math.Max(0, lag.TotalSeconds), Event(eventName));

    /// <summary>Reports the dead-letter queues' sizes from <paramref name="counts"/> whenever metrics are collected.</summary>
    public void ObserveDeadLetters(Func<IEnumerable<(string Queue, long Count)>> counts) =>
        _meter.CreateObservableGauge("chatcloud.messaging.dead_letters",
            () => counts().Select(count => new Measurement<long>(count.Count, Queue(count.Queue))), "{message}",
            "Messages parked in a dead-letter queue, waiting to be replayed.");

    public void ConfirmTime(TimeSpan elapsed) => _confirmTime.Record(elapsed.TotalSeconds);

    public void ReceiveDelay(string queue, string eventName, TimeSpan delay) => _receiveDelay.Record(Math.Max(0, delay.TotalSeconds), Event(eventName), Queue(queue));

    private static KeyValuePair<string, object?> Event(string eventName) => new("event", eventName);

    private static KeyValuePair<string, object?> Queue(string queue) => new("queue", queue);
}
