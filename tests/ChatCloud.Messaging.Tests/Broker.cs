using System.Text;
using ChatCloud.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ChatCloud.Messaging.Tests;

/// <summary>Looks at the broker from outside, as an operator would.</summary>
public static class Broker
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until a consumer listens on the queue, so what is published next is routed to it.</summary>
    public static async Task WaitForConsumerAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        while (true)
        {
            // Asking about a queue that does not exist yet closes the channel: one per try.
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: deadline.Token).WaitAsync(Deadlines.Request, deadline.Token))
            {
                try
                {
                    if (await channel.ConsumerCountAsync(queue, deadline.Token).WaitAsync(Deadlines.Request, deadline.Token) > 0)
                    {
                        return;
                    }
                }
                catch (OperationInterruptedException)
                {
                    // Not declared yet.
                }
            }
            await Task.Delay(Poll, deadline.Token);
        }
    }

    /// <summary>Takes the next message of a queue, waiting until there is one.</summary>
    public static async Task<BasicGetResult> GetAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: deadline.Token).WaitAsync(Deadlines.Request, deadline.Token);
        while (true)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true, deadline.Token).WaitAsync(Deadlines.Request, deadline.Token) is { } message)
            {
                return message;
            }
            await Task.Delay(Poll, deadline.Token);
        }
    }

    public static async Task<uint> MessageCountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        return await channel.MessageCountAsync(queue, cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
    }

    /// <summary>
    /// Asks about a queue the way an operator would, from a fresh channel: the broker's reply code
    /// when it refuses (404 no such queue, 405 exclusive to another connection), null when it is there.
    /// </summary>
    public static async Task<int?> PassiveDeclareRefusalAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
            return null;
        }
        catch (OperationInterruptedException exception)
        {
            return exception.ShutdownReason?.ReplyCode;
        }
    }

    /// <summary>Waits until the broker has no such queue (an auto-deleted one goes a moment after its consumer).</summary>
    public static async Task WaitUntilGoneAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        while (await PassiveDeclareRefusalAsync(connection, queue, deadline.Token) != Constants.NotFound)
        {
            await Task.Delay(Poll, deadline.Token);
        }
    }

    /// <summary>
    /// Makes the broker close the connection, as a failing network would, so the client recovers it:
    /// an exchange of an unknown type is a connection error (503 COMMAND_INVALID), not a channel one.
    /// </summary>
    public static async Task BreakConnectionAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        try
        {
            await channel.ExchangeDeclareAsync("tests.no-such-type", "x-no-such-type", cancellationToken: cancellationToken)
                .WaitAsync(Deadlines.Request, cancellationToken);
        }
        catch (OperationInterruptedException)
        {
            return;
        }
        throw new InvalidOperationException("The broker accepted an exchange of an unknown type.");
    }

    public static string? HeaderText(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;

    public static string UniqueQueue(string scenario) => $"tests.{scenario}.{Guid.NewGuid():N}";

    private static CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadlines.Request);
        return deadline;
    }
}
