using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>
/// A few confirm-tracking channels on the service's one connection. A channel must not be used by
/// two publishers at once, and each publish waits for its confirm, so concurrent publishers each
/// take a channel of their own; the semaphore bounds how many are open.
/// </summary>
internal sealed class PublisherChannelPool(IConnection connection, IOptions<MessagingOptions> options) : IAsyncDisposable
{
    private static readonly CreateChannelOptions ConfirmedChannel = new(
        publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private readonly SemaphoreSlim _slots = new(options.Value.PublisherChannels, options.Value.PublisherChannels);
    private readonly ConcurrentBag<IChannel> _idle = [];

    /// <summary>Publishes and waits for the broker's confirm; a nack or a lost channel throws.</summary>
    public async Task PublishAsync(string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        IChannel? channel = null;
        try
        {
            channel = await RentAsync(cancellationToken);
            // Not mandatory: an event nobody subscribes to yet is not an error for its producer.
            await channel.BasicPublishAsync(MessagingTopology.Exchange, routingKey, mandatory: false, properties, body, cancellationToken);
            _idle.Add(channel);
            channel = null;
        }
        finally
        {
            // A channel that failed or was cancelled mid-publish may hold a pending confirm: start afresh.
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
            _slots.Release();
        }
    }

    private async Task<IChannel> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsOpen)
            {
                return idle;
            }
            await idle.DisposeAsync();
        }
        var channel = await connection.CreateChannelAsync(ConfirmedChannel, cancellationToken);
        try
        {
            await MessagingTopology.DeclareExchangeAsync(channel, cancellationToken);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var channel))
        {
            await channel.DisposeAsync();
        }
        _slots.Dispose();
    }
}
