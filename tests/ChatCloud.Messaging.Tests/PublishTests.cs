using System.Diagnostics;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

[assembly: AssemblyFixture(typeof(ChatCloudSuite))]

namespace ChatCloud.Messaging.Tests;

/// <summary>A confirmed publish reaches a subscribed handler whole, with its trace.</summary>
public sealed class PublishTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_published_event_reaches_the_handler_with_its_id_time_data_and_trace()
    {
        var queue = Broker.UniqueQueue("published");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbePublished>>()
            .AddEventHandler<ProbePublished, RecordingHandler<ProbePublished>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        // Record the library's spans too, so the publish span (not just the caller's) is what travels.
        using var listener = RecordAll(MessagingTelemetry.Name);
        var sent = new ProbePublished(Guid.NewGuid(), "ada", ["user", "op"], null, DateTimeOffset.Parse("2025-01-02T03:04:05.1234567+02:00", System.Globalization.CultureInfo.InvariantCulture), long.MaxValue);

        using (var caller = new Activity("test request").Start())
        {
            await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            var (received, context) = await host.Services.GetRequiredService<Deliveries<ProbePublished>>().WaitForAsync(sent.Id, Cancellation);

            Assert.Equal(sent.Id, received.Id);
            Assert.Equal(sent.OccurredAt, received.OccurredAt);
            Assert.Equal(sent.OccurredAt.Offset, received.OccurredAt.Offset);
            Assert.Equal((sent.AccountId, sent.Name, sent.OptionalId, sent.At, sent.Sequence), (received.AccountId, received.Name, received.OptionalId, received.At, received.Sequence));
            Assert.Equal(sent.Roles, received.Roles);
            Assert.Equal(queue, context.Queue);
            Assert.Equal("tests.published.v1", context.EventName);
            Assert.Equal(1, context.Attempt);
            Assert.Equal(caller.TraceId, context.Parent.TraceId);
            Assert.NotEqual(caller.SpanId, context.Parent.SpanId);
        }
    }

    [Fact]
    public async Task The_message_on_the_wire_is_persistent_typed_json_with_the_event_id()
    {
        var queue = Broker.UniqueQueue("wire");
        await using var host = await MessagingTestHost.StartAsync(suite, _ => { }, Cancellation);
        // A plain queue bound to the event, read from outside instead of by a handler.
        await using (var channel = await host.Connection.CreateChannelAsync(cancellationToken: Cancellation))
        {
            await channel.ExchangeDeclareAsync(MessagingTopology.Exchange, "topic", durable: true, autoDelete: false, cancellationToken: Cancellation);
            await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: Cancellation);
            await channel.QueueBindAsync(queue, MessagingTopology.Exchange, "tests.published.v1", cancellationToken: Cancellation);
        }
        var sent = new ProbePublished(Guid.NewGuid(), "grace", [], Guid.NewGuid(), DateTimeOffset.UnixEpoch, 1);

        using (new Activity("test request").Start())
        {
            await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        var message = await Broker.GetAsync(host.Connection, queue, Cancellation);

        Assert.True(message.BasicProperties.Persistent);
        Assert.Equal("application/json", message.BasicProperties.ContentType);
        Assert.Equal("tests.published.v1", message.BasicProperties.Type);
        Assert.Equal(sent.Id.ToString(), message.BasicProperties.MessageId);
        Assert.Equal("tests.published.v1", message.RoutingKey);
        Assert.True(message.BasicProperties.Headers?.ContainsKey("traceparent"), "trace context travels in the headers");
        var json = System.Text.Encoding.UTF8.GetString(message.Body.Span);
        Assert.Contains($"\"id\":\"{sent.Id}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"accountId\":", json, StringComparison.Ordinal);
    }

    private static ActivityListener RecordAll(string source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
