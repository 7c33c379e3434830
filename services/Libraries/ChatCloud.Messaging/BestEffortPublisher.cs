using System.Threading.Channels;
using ChatCloud.Contracts;
using Microsoft.Extensions.Logging;

namespace ChatCloud.Messaging;

/// <summary>
/// For events about what users do (issue 7: signed in, joined, searched…), which must never slow or
/// break chatting: <see cref="Publish"/> only queues, in a bounded buffer, and returns at once; one
/// pump publishes in the background, each event within <see cref="PublishTimeout"/>. If the broker is
/// slow or away, the buffer fills and further events are dropped — and counted
/// (<see cref="Dropped"/>, and the metric <c>chatcloud.messaging.best_effort.dropped</c>), never
/// waited for. Chat traffic itself does not come here: posts and room events have their own
/// confirmed, ordered paths.
/// </summary>
public sealed partial class BestEffortPublisher : IAsyncDisposable
{
    public const int DefaultCapacity = 10_000;
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    private readonly IEventPublisher _publisher;
    private readonly MessagingMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly Channel<IntegrationEvent> _buffer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private long _dropped;

    public BestEffortPublisher(IEventPublisher publisher, ILogger<BestEffortPublisher> logger, int capacity = DefaultCapacity)
        : this(publisher, null, logger, capacity)
    {
    }

    internal BestEffortPublisher(IEventPublisher publisher, MessagingMetrics? metrics, ILogger<BestEffortPublisher> logger, int capacity = DefaultCapacity)
    {
        _publisher = publisher;
        _metrics = metrics;
        _logger = logger;
        _buffer = Channel.CreateBounded<IntegrationEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            dropped => Drop(dropped, "buffer full"));
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Events lost since start: the buffer was full, or the broker did not take them in time.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="event"/> and returns at once; never throws for the broker's sake.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "C# only: @event names what it is.")]
    public void Publish(IntegrationEvent @event)
    {
        if (!_buffer.Writer.TryWrite(@event))
        {
            // Only after DisposeAsync completed the writer.
            Drop(@event, "stopped");
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var @event in _buffer.Reader.ReadAllAsync(_stopping.Token))
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                deadline.CancelAfter(PublishTimeout);
                try
                {
                    var confirmed = await _publisher.PublishInOrderAsync([@event], deadline.Token);
                    if (!confirmed.Contains(@event.Id))
                    {
                        Drop(@event, "not confirmed");
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    Drop(@event, exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped: what is still queued is lost, and was counted as sent by nobody.
        }
    }

    private void Drop(IntegrationEvent @event, string reason)
    {
        if (Interlocked.Increment(ref _dropped) is var total && (total & (total - 1)) == 0)
        {
            // 1, 2, 4, 8…: a broker outage is one warning that grows, not one per event.
            LogDropped(_logger, total, reason);
        }
        _metrics?.BestEffortDropped(EventNames.Of(@event.GetType()));
    }

    /// <summary>Publishes what is queued for up to <see cref="PublishTimeout"/>, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        _stopping.CancelAfter(PublishTimeout);
        await _pump.ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Total} best-effort events dropped so far (last: {Reason})")]
    private static partial void LogDropped(ILogger logger, long total, string reason);
}
