using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>
/// The broker objects every service shares. Events go to one topic exchange with the event name as
/// routing key; each consumer owns a durable queue bound to the names it handles. A rejected message
/// goes through a direct dead-letter exchange, keyed by its queue's name, to that queue's own
/// <c>.dead</c> queue, so one service's poison messages never land in another's.
/// </summary>
public static class MessagingTopology
{
    public const string Exchange = "chatcloud.events";
    public const string DeadLetterExchange = "chatcloud.events.dead";

    public static string DeadLetterQueueOf(string queue) => queue + ".dead";

    internal static Task DeclareExchangeAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    /// <summary>Declares both exchanges, the queue with its binding, and its dead-letter queue; idempotent.</summary>
    internal static async Task DeclareQueueAsync(IChannel channel, string queue, string routingKey, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, cancellationToken);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);

        var deadLetterQueue = DeadLetterQueueOf(queue);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(deadLetterQueue, DeadLetterExchange, routingKey: queue, cancellationToken: cancellationToken);

        var arguments = new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = DeadLetterExchange,
            ["x-dead-letter-routing-key"] = queue,
        };
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, Exchange, routingKey, cancellationToken: cancellationToken);
    }
}
