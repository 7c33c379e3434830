using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>A consumer outlives what the broker does to its queue and channel.</summary>
public sealed class RecoveryTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumer_whose_queue_was_deleted_declares_it_again_and_keeps_consuming()
    {
        var queue = Broker.UniqueQueue("recovered");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbeRecovered>>()
            .AddEventHandler<ProbeRecovered, RecordingHandler<ProbeRecovered>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);

        await using (var channel = await host.Connection.CreateChannelAsync(cancellationToken: Cancellation).WaitAsync(Deadlines.Request, Cancellation))
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        var sent = new ProbeRecovered("after the queue came back");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        var (received, _) = await host.Services.GetRequiredService<Deliveries<ProbeRecovered>>().WaitForAsync(sent.Id, Cancellation);
        Assert.Equal(sent, received);
    }
}
