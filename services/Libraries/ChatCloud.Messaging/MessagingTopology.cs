using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>
/// The broker objects every service shares. Events go to one topic exchange with the event name (and
/// a room event's room topic: <see cref="EventRouting"/>) as routing key; each consumer owns a queue
/// bound to the names it handles: a durable one its service's
/// replicas share, or, for a broadcast handler, one per running instance. A rejected message goes
/// through a direct dead-letter exchange, keyed by its subscriber, to that subscriber's own durable
/// <c>.dead</c> queue, so one service's poison messages never land in another's.
/// </summary>
public static class MessagingTopology
{
    public const string Exchange = "chatcloud.events";
    public const string DeadLetterExchange = "chatcloud.events.dead";

    /// <summary>
    /// A broadcast queue unused this long is deleted even if its connection somehow lives on. Longer
    /// than a consumer's longest wait before declaring again (<see cref="Backoff"/>, 30 s), so a
    /// live instance only loses it when it could not consume anyway.
    /// </summary>
    internal static readonly TimeSpan BroadcastQueueExpiry = TimeSpan.FromMinutes(1);

    /// <param name="queue">A shared queue's name, or a broadcast subscriber's name: its instances share one.</param>
    public static string DeadLetterQueueOf(string queue) => queue + ".dead";

    /// <summary>The queue of one running instance of a broadcast subscriber.</summary>
    public static string BroadcastQueueOf(string subscriberName, MessagingInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return $"{subscriberName}.{instance.Id}";
    }

    internal static Task DeclareExchangeAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    /// <summary>Declares both exchanges, the queue with its bindings, and its dead-letter queue; idempotent.</summary>
    internal static async Task DeclareQueueAsync(IChannel channel, ConsumerQueue queue, IEnumerable<string> bindingKeys, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, cancellationToken);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);

        // Durable even for a broadcast subscriber: a poison message outlives the instance that gave up on it.
        var deadLetterQueue = DeadLetterQueueOf(queue.Subscriber);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(deadLetterQueue, DeadLetterExchange, routingKey: queue.Subscriber, cancellationToken: cancellationToken);

        // Declaring again with other arguments fails (406), so a shared queue's stay exactly these.
        var arguments = new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = DeadLetterExchange,
            ["x-dead-letter-routing-key"] = queue.Subscriber,
        };
        if (queue.Broadcast)
        {
            arguments["x-expires"] = (int)BroadcastQueueExpiry.TotalMilliseconds;
        }
        await channel.QueueDeclareAsync(
            queue.Name, durable: !queue.Broadcast, exclusive: queue.Broadcast, autoDelete: queue.Broadcast, arguments, cancellationToken: cancellationToken);
        foreach (var bindingKey in bindingKeys)
        {
            await channel.QueueBindAsync(queue.Name, Exchange, bindingKey, cancellationToken: cancellationToken);
        }
    }
}
