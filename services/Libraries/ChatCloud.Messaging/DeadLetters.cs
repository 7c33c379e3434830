using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ChatCloud.Messaging;

/// <summary>
/// What operators do with parked messages: count them and send them back to be handled again, once
/// the cause (a bug, a service that was down) is fixed. A replayed message goes to its shared queue
/// itself, not through the exchange, so no other subscriber of the event gets it a second time; the
/// handler's inbox makes a message handled before it was parked count once. A broadcast
/// subscriber's messages are not replayed: the instance queue they came from is gone with its
/// process, and what they carried its users fetch from history; they stay for inspection.
/// </summary>
public static class DeadLetters
{
    /// <summary>Messages waiting in <paramref name="subscriber"/>'s dead-letter queue; 0 when it has none.</summary>
    public static async Task<uint> CountAsync(IConnection connection, string subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // A passive declare of a missing queue closes the channel (404): one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(MessagingTopology.DeadLetterQueueOf(subscriber), cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return 0;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from <paramref name="subscriber"/>'s dead-letter
    /// queue back to its shared queue, oldest first: each is taken off only after the broker confirmed
    /// its copy, so a failure midway loses none (it may leave one both replayed and parked; the inbox
    /// sees to that). Returns how many moved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The subscriber has no shared queue (a broadcast subscriber, or a wrong name).</exception>
    public static async Task<int> ReplayAsync(IConnection connection, string subscriber, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (!await SharedQueueExistsAsync(connection, subscriber, cancellationToken))
        {
            throw new InvalidOperationException(
                $"'{subscriber}' has no shared queue to replay into: it is not a queue of a running service, or it is a broadcast subscriber, whose dead letters are kept for inspection only.");
        }
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var dead = MessagingTopology.DeadLetterQueueOf(subscriber);
        var moved = 0;
        while (moved < max && await channel.BasicGetAsync(dead, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            // Waits for the broker's confirm; mandatory, so a queue deleted meanwhile fails rather than drops it.
            await channel.BasicPublishAsync(exchange: "", routingKey: subscriber, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }
        return moved;
    }

    private static async Task<bool> SharedQueueExistsAsync(IConnection connection, string subscriber, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(subscriber, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode is Constants.NotFound or Constants.ResourceLocked)
        {
            return false;
        }
    }
}
