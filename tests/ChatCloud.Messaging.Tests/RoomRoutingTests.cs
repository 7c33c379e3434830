using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>
/// Room events are routed by room: an instance with <see cref="RoomSubscriptions"/> hears only the
/// rooms it subscribed to, from the moment the subscription returns; every other consumer hears all.
/// </summary>
public sealed class RoomRoutingTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edge_hears_only_its_rooms_by_either_path_and_a_service_hears_every_room()
    {
        var subscriber = Broker.UniqueQueue("room-edge");
        var shared = Broker.UniqueQueue("room-service");
        await using var edge = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<RoomSubscriptions>()
            .AddSingleton<Deliveries<ProbeRoomSaid>>()
            .AddBroadcastHandler<ProbeRoomSaid, RecordingHandler<ProbeRoomSaid>>(subscriber), Cancellation);
        await using var service = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbeRoomSaid>>()
            .AddEventHandler<ProbeRoomSaid, RecordingHandler<ProbeRoomSaid>>(shared), Cancellation);
        await Broker.WaitForConsumerAsync(edge.Connection, QueueOf(edge, subscriber), Cancellation);
        await Broker.WaitForConsumerAsync(service.Connection, shared, Cancellation);
        var rooms = edge.Services.GetRequiredService<RoomSubscriptions>();
        var heard = edge.Services.GetRequiredService<Deliveries<ProbeRoomSaid>>();
        var everything = service.Services.GetRequiredService<Deliveries<ProbeRoomSaid>>();
        var garden = $"#Garden-{Guid.NewGuid():N}";

        await rooms.AddAsync(garden, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        // Published directly and through the outbox; the room's name in another case is the same room.
        var direct = await PublishAsync(edge, new ProbeRoomSaid(garden.ToLowerInvariant(), "published"));
        var stored = await StoreAsync(edge, new ProbeRoomSaid(garden.ToUpperInvariant(), "stored"));
        var elsewhere = await PublishAsync(edge, new ProbeRoomSaid($"#yard-{Guid.NewGuid():N}", "another room"));
        // An event of another room meant for every edge (an INVITE) comes all the same, by either path.
        var toEveryEdge = await PublishAsync(edge, new ProbeRoomSaid($"#yard-{Guid.NewGuid():N}", "to every edge", Everyone: true));
        var storedToEveryEdge = await StoreAsync(edge, new ProbeRoomSaid($"#yard-{Guid.NewGuid():N}", "stored, to every edge", Everyone: true));

        await heard.WaitForAsync(direct.Id, Cancellation);
        await heard.WaitForAsync(stored.Id, Cancellation);
        await heard.WaitForAsync(toEveryEdge.Id, Cancellation);
        await heard.WaitForAsync(storedToEveryEdge.Id, Cancellation);
        foreach (var @event in new[] { direct, stored, elsewhere, toEveryEdge, storedToEveryEdge })
        {
            await everything.WaitForAsync(@event.Id, Cancellation);
        }
        await AssertNeverHeardAsync(heard, elsewhere);

        // Pruned: the room's events stop; subscribed again: they come again.
        Assert.Equal(1, await rooms.PruneAsync(room => room == garden, Cancellation));
        var afterPrune = await PublishAsync(edge, new ProbeRoomSaid(garden, "after the prune"));
        await everything.WaitForAsync(afterPrune.Id, Cancellation);
        await AssertNeverHeardAsync(heard, afterPrune);
        await rooms.AddAsync(garden, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var back = await PublishAsync(edge, new ProbeRoomSaid(garden, "back again"));
        await heard.WaitForAsync(back.Id, Cancellation);
        Assert.Equal([garden], rooms.Rooms);
    }

    [Fact]
    public async Task A_consumer_that_starts_later_binds_the_rooms_already_subscribed()
    {
        var subscriber = Broker.UniqueQueue("room-later");
        var early = $"#early-{Guid.NewGuid():N}";
        using var rooms = new RoomSubscriptions();
        await rooms.AddAsync(early, Cancellation); // no consumer yet: recorded only

        await using var edge = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton(rooms)
            .AddSingleton<Deliveries<ProbeRoomSaid>>()
            .AddBroadcastHandler<ProbeRoomSaid, RecordingHandler<ProbeRoomSaid>>(subscriber), Cancellation);
        await Broker.WaitForConsumerAsync(edge.Connection, QueueOf(edge, subscriber), Cancellation);
        var said = await PublishAsync(edge, new ProbeRoomSaid(early, "to an early room"));

        await edge.Services.GetRequiredService<Deliveries<ProbeRoomSaid>>().WaitForAsync(said.Id, Cancellation);
    }

    private static async Task<ProbeRoomSaid> PublishAsync(MessagingTestHost host, ProbeRoomSaid said)
    {
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(said, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return said;
    }

    private static async Task<ProbeRoomSaid> StoreAsync(MessagingTestHost host, ProbeRoomSaid said)
    {
        await using var connection = await host.DataSource.OpenConnectionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await OutboxWriter.AddAsync(connection, transaction, said, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await transaction.CommitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return said;
    }

    /// <summary>The service heard it already; a second more gives the edge every chance to hear it too.</summary>
    private static async Task AssertNeverHeardAsync(Deliveries<ProbeRoomSaid> heard, ProbeRoomSaid said)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.False(heard.Received(said.Id), $"the edge heard '{said.Text}' of {said.Room}");
    }

    private static string QueueOf(MessagingTestHost host, string subscriber) =>
        MessagingTopology.BroadcastQueueOf(subscriber, host.Services.GetRequiredService<MessagingInstance>());
}
