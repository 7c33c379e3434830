using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

internal sealed partial class EventConsumer<TEvent, THandler>
{
    private static readonly bool HandlesBatches = typeof(IBatchEventHandler<TEvent>).IsAssignableFrom(typeof(THandler));

    /// <summary>
    /// The batch path of one channel: the library's callback only reads and queues each delivery
    /// (the prefetch bounds how many wait), and one loop takes whatever has gathered, in delivery
    /// order, as one batch. Under load batches grow by themselves; when idle a delivery is handled
    /// alone at once, so batching adds no waiting.
    /// </summary>
    private sealed class BatchPump(EventConsumer<TEvent, THandler> consumer, IChannel channel, CancellationToken stoppingToken) : IAsyncDisposable
    {
        private readonly Channel<Delivered> _waiting = Channel.CreateUnbounded<Delivered>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _ending = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        private Task? _loop;

        public void Start() => _loop = Task.Run(() => consumer.PumpAsync(channel, _waiting.Reader, _ending.Token), CancellationToken.None);

        public async Task EnqueueAsync(BasicDeliverEventArgs delivery)
        {
            if (await consumer.ReceiveAsync(channel, delivery) is { } delivered)
            {
                _waiting.Writer.TryWrite(delivered); // unbounded, but never more than the prefetch
            }
        }

        /// <summary>
        /// Stops taking batches; what is still queued is neither acked nor rejected, so the broker
        /// delivers it again when the channel closes.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            _waiting.Writer.TryComplete();
            await _ending.CancelAsync();
            if (_loop is not null)
            {
                try
                {
                    await _loop;
                }
                catch (OperationCanceledException)
                {
                    // Expected: the loop ends with the channel.
                }
            }
            _ending.Dispose();
        }
    }

    /// <summary>
    /// Takes whole deliveries until the batch holds <see cref="MessagingOptions.MaxBatchSize"/> events
    /// (a bundle is never split: its one delivery tag is settled once).
    /// </summary>
    private async Task PumpAsync(IChannel channel, ChannelReader<Delivered> waiting, CancellationToken cancellationToken)
    {
        var batch = new List<Delivered>();
        while (await waiting.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            var events = Take(waiting, batch, 0);
            if (queue.Gather > TimeSpan.Zero)
            {
                events = await GatherAsync(waiting, batch, events, cancellationToken);
            }
            await HandleBatchAsync(channel, batch, events, cancellationToken);
        }
    }

    /// <summary>Moves what is waiting into the batch until it holds <see cref="MessagingOptions.MaxBatchSize"/> events; returns how many it holds.</summary>
    private int Take(ChannelReader<Delivered> waiting, List<Delivered> batch, int events)
    {
        while (events < _options.MaxBatchSize && waiting.TryRead(out var delivered))
        {
            batch.Add(delivered);
            events += delivered.Events.Length;
        }
        return events;
    }

    /// <summary>
    /// Lets the batch grow for <see cref="ConsumerQueue.Gather"/>: it stops early when full, or when it
    /// holds as many deliveries as the prefetch lets the broker send before the next acknowledgement.
    /// </summary>
    private async Task<int> GatherAsync(ChannelReader<Delivered> waiting, List<Delivered> batch, int events, CancellationToken cancellationToken)
    {
        var until = time.GetTimestamp() + (long)(queue.Gather.TotalSeconds * time.TimestampFrequency);
        while (events < _options.MaxBatchSize && batch.Count < _options.Prefetch)
        {
            var left = until - time.GetTimestamp();
            if (left <= 0)
            {
                break;
            }
            using (var timer = new CancellationTokenSource(TimeSpan.FromSeconds(left / (double)time.TimestampFrequency), time))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token))
            {
                var more = waiting.WaitToReadAsync(timeout.Token).AsTask();
                await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
                if (!more.IsCompletedSuccessfully || !more.Result)
                {
                    break; // the time is up, or the channel completed
                }
            }
            events = Take(waiting, batch, events);
        }
        return events;
    }

    private async Task HandleBatchAsync(IChannel channel, List<Delivered> batch, int events, CancellationToken cancellationToken)
    {
        var last = batch[^1];
        var received = batch.SelectMany(delivered => delivered.Events).ToList();
        using (var activity = MessagingTelemetry.StartProcessBatch(_eventName, queue.Name, events, received.Select(one => one.Parent)))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = (IBatchEventHandler<TEvent>)scope.ServiceProvider.GetRequiredService<THandler>();
                await handler.HandleBatchAsync(
                    received.ConvertAll(one => new EventDelivery<TEvent>(one.Event, one.Context(queue.Name, _eventName, attempt: 1))),
                    cancellationToken);
                // Deliveries are queued and taken in tag order, so every unsettled delivery up to the
                // batch's last is in this batch: one ack settles them all.
                await SettleAsync(channel, last.DeliveryTag, last.MessageId, handled: true, reason: null, multiple: true, count: events);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // unsettled: the broker delivers them again
            }
            catch (Exception exception) when (events > 1)
            {
                activity.Failed(exception);
                logger.BatchFailed(exception, queue.Name, events);
            }
            catch (Exception exception)
            {
                activity.Failed(exception);
                metrics.Retried(queue.Subscriber, _eventName);
                await HandleEachAsync(channel, last, firstAttempt: 2, cancellationToken);
                return;
            }
        }
        // One by one, so that only what keeps failing is dead-lettered (with its bundle, if it came in one).
        foreach (var delivered in batch)
        {
            await HandleEachAsync(channel, delivered, firstAttempt: 1, cancellationToken);
        }
    }
}
