using System.Diagnostics.Metrics;
using ChatCloud.Contracts;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>Operators see parked messages (a gauge per dead-letter queue) and replay them once the cause is fixed.</summary>
public sealed class DeadLetterReplayTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_parked_message_is_counted_then_replayed_to_its_queue_and_handled_once_the_handler_works()
    {
        var queue = Broker.UniqueQueue("replayed");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Outage>()
            .AddSingleton<Deliveries<ProbeReplayed>>()
            .AddEventHandler<ProbeReplayed, FailsDuringOutage>(queue)
            .Configure<MessagingOptions>(options =>
            {
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                options.DeadLetterCheckInterval = TimeSpan.FromMilliseconds(200);
            }), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        using var gauge = new DeadLetterGauge();
        var sent = new ProbeReplayed("handled after the fix");

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await Eventually(async () => await DeadLetters.CountAsync(host.Connection, queue, Cancellation) == 1);
        await Eventually(() => Task.FromResult(gauge.Read(MessagingTopology.DeadLetterQueueOf(queue)) == 1));

        host.Services.GetRequiredService<Outage>().Over = true;
        var moved = await DeadLetters.ReplayAsync(host.Connection, queue, max: 10, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var (received, _) = await host.Services.GetRequiredService<Deliveries<ProbeReplayed>>().WaitForAsync(sent.Id, Cancellation);

        Assert.Equal(1, moved);
        Assert.Equal(sent, received);
        Assert.Equal(0u, await DeadLetters.CountAsync(host.Connection, queue, Cancellation));
        await Eventually(() => Task.FromResult(gauge.Read(MessagingTopology.DeadLetterQueueOf(queue)) == 0));
        Assert.Equal(0, await DeadLetters.ReplayAsync(host.Connection, queue, max: 10, Cancellation)); // nothing left
    }

    [Fact]
    public async Task Replaying_where_there_is_no_shared_queue_is_refused()
    {
        await using var host = await MessagingTestHost.StartAsync(suite, _ => { }, Cancellation);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => DeadLetters.ReplayAsync(host.Connection, Broker.UniqueQueue("nobody"), 10, Cancellation));

        Assert.Contains("no shared queue", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0u, await DeadLetters.CountAsync(host.Connection, Broker.UniqueQueue("nobody"), Cancellation));
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (!await condition())
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    public sealed class Outage
    {
        private volatile bool _over;

        public bool Over
        {
            get => _over;
            set => _over = value;
        }
    }

    public sealed class FailsDuringOutage(Outage outage, Deliveries<ProbeReplayed> deliveries) : IEventHandler<ProbeReplayed>
    {
        public Task HandleAsync(ProbeReplayed @event, EventContext context, CancellationToken cancellationToken)
        {
            if (!outage.Over)
            {
                throw new InvalidOperationException("the database is down");
            }
            deliveries.Record(@event, context);
            return Task.CompletedTask;
        }
    }

    /// <summary>The last value of <c>chatcloud.messaging.dead_letters</c> per queue.</summary>
    private sealed class DeadLetterGauge : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _last = [];

        public DeadLetterGauge()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MessagingTelemetry.Name && instrument.Name == "chatcloud.messaging.dead_letters")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "queue", Value: string queue })
                    {
                        _last[queue] = value;
                    }
                }
            });
            _listener.Start();
        }

        public long? Read(string queue)
        {
            lock (_last)
            {
                _listener.RecordObservableInstruments();
                return _last.TryGetValue(queue, out var value) ? value : null;
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
