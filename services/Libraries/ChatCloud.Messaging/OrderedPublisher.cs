using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatCloud.Messaging;

/// <summary>
/// The outbox relay's own channel. It sends a batch strictly in order, one frame after another,
/// without waiting for each confirm, then waits for all of them together: a confirm round trip
/// (and the broker's disk sync behind it) per batch instead of per event. The library's own
/// confirm tracking would wait per publish, so this channel tracks its confirms itself, by the
/// publish sequence numbers the broker acknowledges. A caller may send the next batch before the
/// last one's confirms came (<see cref="SendAsync"/>): the channel keeps them in order.
/// </summary>
internal sealed class OrderedPublisher(
    IConnection connection, IOptions<MessagingOptions> options, MessagingMetrics metrics, ILogger<OrderedPublisher> logger) : IAsyncDisposable
{
    private static readonly CreateChannelOptions ConfirmedUntracked = new(
        publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false);

    private IChannel? _channel;
    private ConfirmWindow? _window;

    // Set by a wait for confirms that failed: the channel's later confirms are of no more use, and
    // the next send starts afresh. Written from that wait, read by the one sender.
    private ConfirmWindow? _broken;

    /// <summary>
    /// Sends <paramref name="events"/> in order after everything sent before; returns once they are
    /// written, with the wait for their confirms (up to <paramref name="timeout"/>) still running.
    /// One caller sends at a time; the waits may overlap.
    /// </summary>
    /// <returns>The wait: the ids the broker confirmed, and the first failure, if any (those not confirmed are to be sent again).</returns>
    public async Task<Task<(List<Guid> Confirmed, Exception? Failure)>> SendAsync(
        IReadOnlyList<OutgoingEvent> events, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var (channel, window) = await OpenAsync(cancellationToken);
        var started = time.GetTimestamp();
        var runs = EventBundle.Runs(events, options.Value.MaxBundleEvents);
        var confirms = new List<(List<OutgoingEvent> Run, Task<bool> Confirm)>(runs.Count);
        Exception? failure = null;
        foreach (var run in runs)
        {
            // A run of one goes as the event itself; a longer one as a bundle (EventBundle).
            using var activity = MessagingTelemetry.StartPublish(run[0].EventName, run[0].Id, run[0].Parent, run.Count);
            try
            {
                var sequence = await channel.GetNextPublishSequenceNumberAsync(cancellationToken);
                var confirm = window.Track(sequence);
                var (properties, body) = run.Count == 1
                    ? (RabbitMqEventPublisher.PropertiesOf(run[0], activity), run[0].Body)
                    : (EventBundle.PropertiesOf(run, activity), EventBundle.Body(run));
                await channel.BasicPublishAsync(MessagingTopology.Exchange, run[0].RoutingKey, mandatory: false, properties, body, cancellationToken);
                confirms.Add((run, confirm));
            }
            catch (Exception exception)
            {
                // Whatever was sent before stays in flight; nothing after it is sent, keeping order.
                activity.Failed(exception);
                failure = exception;
                Volatile.Write(ref _broken, window);
                break;
            }
        }
        return WaitForConfirmsAsync(window, confirms, failure, started, timeout, time, cancellationToken);
    }

    private async Task<(List<Guid> Confirmed, Exception? Failure)> WaitForConfirmsAsync(
        ConfirmWindow window, List<(List<OutgoingEvent> Run, Task<bool> Confirm)> confirms, Exception? failure,
        long started, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        List<Guid> confirmed = [];
        using var deadline = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        foreach (var (run, confirm) in confirms)
        {
            try
            {
                if (await confirm.WaitAsync(waiting.Token))
                {
                    confirmed.AddRange(run.Select(outgoing => outgoing.Id));
                    metrics.Published(run[0].EventName, run.Count);
                    continue;
                }
                failure ??= new InvalidOperationException($"The broker refused {run.Count} event(s) from {run[0].Id} ({run[0].EventName}).");
            }
            catch (Exception exception)
            {
                failure ??= exception;
            }
            metrics.PublishFailed(run[0].EventName, run.Count);
        }
        if (confirmed.Count > 0)
        {
            metrics.ConfirmTime(time.GetElapsedTime(started));
        }
        if (failure is not null)
        {
            // A channel with confirms still owed is of no more use: the next send starts afresh.
            Volatile.Write(ref _broken, window);
        }
        return (confirmed, failure);
    }

    private async Task<(IChannel, ConfirmWindow)> OpenAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } && _window is not null && _window != Volatile.Read(ref _broken))
        {
            return (_channel, _window);
        }
        await ResetAsync();
        var window = new ConfirmWindow();
        var channel = await connection.CreateChannelAsync(ConfirmedUntracked, cancellationToken);
        channel.BasicAcksAsync += (_, ack) =>
        {
            window.Settle(ack.DeliveryTag, ack.Multiple, confirmed: true);
            return Task.CompletedTask;
        };
        channel.BasicNacksAsync += (_, nack) =>
        {
            window.Settle(nack.DeliveryTag, nack.Multiple, confirmed: false);
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, args) =>
        {
            window.Abandon(new InvalidOperationException($"The publishing channel closed: {args.ReplyCode} {args.ReplyText}"));
            return Task.CompletedTask;
        };
        try
        {
            await MessagingTopology.DeclareExchangeAsync(channel, cancellationToken);
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
        (_channel, _window) = (channel, window);
        return (channel, window);
    }

    private async Task ResetAsync()
    {
        var channel = _channel;
        _window?.Abandon(new InvalidOperationException("The publishing channel was replaced."));
        (_channel, _window) = (null, null);
        if (channel is null)
        {
            return;
        }
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception exception)
        {
            logger.PublishChannelDisposeFailed(exception);
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}
