using ChatCloud.Messaging;
using RabbitMQ.Client;

// chatcloud-ops dead-letters count <subscriber>…
// chatcloud-ops dead-letters replay <subscriber> [--max N]
// The broker: --rabbitmq <amqp URI>, else ConnectionStrings__messaging (the connection string the
// Aspire dashboard shows for the "messaging" resource).
const string Usage = """
    usage: chatcloud-ops dead-letters count <subscriber>... [--rabbitmq amqp://user:password@host:port]
           chatcloud-ops dead-letters replay <subscriber> [--max N] [--rabbitmq amqp://…]

    <subscriber> is the queue a service consumes (e.g. analytics.message-stored), as the
    chatcloud.messaging.dead_letters metric names its dead-letter queue (<subscriber>.dead).
    Without --rabbitmq, the URI is read from ConnectionStrings__messaging.
    """;

var positional = new List<string>();
string? uri = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
var max = 1000;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rabbitmq" when i + 1 < args.Length:
            uri = args[++i];
            break;
        case "--max" when i + 1 < args.Length && int.TryParse(args[i + 1], out var parsed) && parsed > 0:
            max = parsed;
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return Fail($"unknown or incomplete option {args[i]}");
            }
            positional.Add(args[i]);
            break;
    }
}
if (positional is not ["dead-letters", "count" or "replay", _, ..] || (positional[1] == "replay" && positional.Count != 3))
{
    return Fail("expected 'dead-letters count <subscriber>…' or 'dead-letters replay <subscriber>'");
}
if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var brokerUri) || brokerUri.Scheme is not ("amqp" or "amqps"))
{
    return Fail("no broker: pass --rabbitmq amqp://user:password@host:port or set ConnectionStrings__messaging");
}

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
try
{
    await using var connection = await new ConnectionFactory { Uri = brokerUri, ClientProvidedName = "chatcloud-ops" }.CreateConnectionAsync(cancellation.Token);
    if (positional[1] == "count")
    {
        foreach (var subscriber in positional.Skip(2))
        {
            Console.WriteLine($"{MessagingTopology.DeadLetterQueueOf(subscriber)}\t{await DeadLetters.CountAsync(connection, subscriber, cancellation.Token)}");
        }
        return 0;
    }
    var moved = await DeadLetters.ReplayAsync(connection, positional[2], max, cancellation.Token);
    Console.WriteLine($"replayed {moved} message(s) from {MessagingTopology.DeadLetterQueueOf(positional[2])} to {positional[2]}");
    return 0;
}
catch (Exception exception) when (exception is InvalidOperationException or RabbitMQ.Client.Exceptions.BrokerUnreachableException or OperationCanceledException)
{
    return Fail(exception.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"chatcloud-ops: {message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
