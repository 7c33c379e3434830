using System.Text;
using ChatCloud.Contracts;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>A message that cannot be handled ends in the queue's dead-letter queue, never acked away.</summary>
public sealed class DeadLetterTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_whose_handler_always_throws_is_dead_lettered_after_the_bounded_retries()
    {
        var queue = Broker.UniqueQueue("always-fails");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbeAlwaysFails>>()
            .AddEventHandler<ProbeAlwaysFails, FailingHandler<ProbeAlwaysFails>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        var deliveries = host.Services.GetRequiredService<Deliveries<ProbeAlwaysFails>>();
        var sent = new ProbeAlwaysFails("poison");

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        // The default retries wait 200 ms, 1 s and 5 s.
        var dead = await Broker.GetAsync(host.Connection, MessagingTopology.DeadLetterQueueOf(queue), Cancellation);
        var attemptsWhenDead = deliveries.Attempts;
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);

        Assert.Equal(sent.Id.ToString(), dead.BasicProperties.MessageId);
        Assert.Equal("rejected", Broker.HeaderText(dead, "x-first-death-reason"));
        Assert.Equal(queue, Broker.HeaderText(dead, "x-first-death-queue"));
        Assert.Equal(1 + new MessagingOptions().RetryAttempts, attemptsWhenDead);
        Assert.Equal(attemptsWhenDead, deliveries.Attempts);
        Assert.Equal(0u, await Broker.MessageCountAsync(host.Connection, queue, Cancellation));
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("""{"text":"no envelope: id and occurredAt are missing"}""")]
    [InlineData("""{"id":"0198a3c4-0000-7000-8000-000000000000","occurredAt":"2025-01-01T00:00:00Z"}""")]
    public async Task A_message_that_cannot_be_deserialised_is_dead_lettered_at_once(string body)
    {
        var queue = Broker.UniqueQueue("malformed");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbeMalformed>>()
            .AddEventHandler<ProbeMalformed, RecordingHandler<ProbeMalformed>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        var messageId = Guid.NewGuid().ToString();

        await using (var channel = await host.Connection.CreateChannelAsync(cancellationToken: Cancellation).WaitAsync(Deadlines.Request, Cancellation))
        {
            var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json", Persistent = true };
            await channel.BasicPublishAsync(MessagingTopology.Exchange, EventNames.Of<ProbeMalformed>(), mandatory: true, properties, Encoding.UTF8.GetBytes(body), Cancellation)
                .AsTask().WaitAsync(Deadlines.Request, Cancellation);
        }
        var dead = await Broker.GetAsync(host.Connection, MessagingTopology.DeadLetterQueueOf(queue), Cancellation);

        Assert.Equal(messageId, dead.BasicProperties.MessageId);
        Assert.Equal(body, Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal(0, host.Services.GetRequiredService<Deliveries<ProbeMalformed>>().Attempts);
    }
}
