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

    public static string UniqueQueue(string scenario) => $"tests.{scenario}.{Guid.NewGuid():N}";

    private static CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadlines.Request);
        return deadline;
    }
}
