using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>
/// The bus measures where a message's time goes: how long the broker took to confirm an ordered
/// batch, and how old an event is when a consumer receives it.
/// </summary>
public sealed class HopMetricsTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ordered_batch_records_its_confirm_time_and_its_consumer_the_events_age()
    {
        var queue = Broker.UniqueQueue("hops");
        using var measurements = new Measurements("chatcloud.messaging.publish.confirm_time", "chatcloud.messaging.receive.delay");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbePublished>>()
            .AddEventHandler<ProbePublished, RecordingHandler<ProbePublished>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        // An event that happened a minute ago is at least a minute old when it arrives.
        var sent = new ProbePublished(Guid.NewGuid(), "hop", [], null, DateTimeOffset.UnixEpoch, 1) { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) };

        var confirmed = await host.Services.GetRequiredService<IEventPublisher>().PublishInOrderAsync([sent], Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await host.Services.GetRequiredService<Deliveries<ProbePublished>>().WaitForAsync(sent.Id, Cancellation);

        Assert.Contains(sent.Id, confirmed);
        Assert.Contains(measurements.Of("chatcloud.messaging.publish.confirm_time"), m => m.Value > 0 && m.Value < 30);
        Assert.Contains(measurements.Of("chatcloud.messaging.receive.delay"), m =>
            m.Tags.Contains(new("queue", queue)) && m.Tags.Contains(new("event", "tests.published.v1")) && m.Value >= 60 && m.Value < 120);
    }

    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _seen = new();

        public Measurements(params string[] instruments)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MessagingTelemetry.Name && instruments.Contains(instrument.Name))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _seen.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public IEnumerable<(double Value, KeyValuePair<string, object?>[] Tags)> Of(string instrument) =>
            _seen.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags));

        public void Dispose() => _listener.Dispose();
    }
}
