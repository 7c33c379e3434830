using System.Collections.Concurrent;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>The bookkeeping of an edge's room bindings, against a recording binder (no broker).</summary>
public sealed class RoomSubscriptionsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed class RecordingBinder : IRoomBinder
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public Func<Task> Delay { get; set; } = () => Task.CompletedTask;

        public async Task BindAsync(string topic, CancellationToken cancellationToken)
        {
            await Delay();
            Calls.Enqueue("+" + topic);
        }

        public async Task UnbindAsync(string topic, CancellationToken cancellationToken)
        {
            await Delay();
            Calls.Enqueue("-" + topic);
        }

        /// <summary>Bound at the end, replaying the calls in order.</summary>
        public bool IsBound(string topic) => Calls.Aggregate(false, (bound, call) => call[1..] == topic ? call[0] == '+' : bound);
    }

    [Fact]
    public async Task A_room_is_bound_once_whatever_its_case_and_every_attached_consumer_binds_it()
    {
        using var rooms = new RoomSubscriptions();
        var early = new RecordingBinder();
        await rooms.AttachAsync(early, Cancellation);

        await rooms.AddAsync("#Garden", Cancellation);
        await rooms.AddAsync("#garden", Cancellation);
        var late = new RecordingBinder();
        await rooms.AttachAsync(late, Cancellation);

        Assert.Equal(["+" + RoomTopics.Of("#garden")], early.Calls);
        Assert.Equal(["+" + RoomTopics.Of("#garden")], late.Calls);
        Assert.Equal(["#Garden"], rooms.Rooms);
    }

    [Fact]
    public async Task A_prune_unbinds_only_what_it_is_told_is_unused_and_a_detached_consumer_hears_no_more()
    {
        using var rooms = new RoomSubscriptions();
        var binder = new RecordingBinder();
        await rooms.AttachAsync(binder, Cancellation);
        await rooms.AddAsync("#kept", Cancellation);
        await rooms.AddAsync("#left", Cancellation);

        Assert.Equal(1, await rooms.PruneAsync(room => room == "#left", Cancellation));
        rooms.Detach(binder);
        await rooms.AddAsync("#after", Cancellation);

        Assert.True(binder.IsBound(RoomTopics.Of("#kept")));
        Assert.False(binder.IsBound(RoomTopics.Of("#left")));
        Assert.False(binder.IsBound(RoomTopics.Of("#after")));
        Assert.Equal(["#after", "#kept"], rooms.Rooms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_join_racing_a_prune_of_its_room_always_ends_bound()
    {
        // The edge's rule: a room is unused when no JOIN has begun on it; a JOIN begins, then adds the room.
        for (var round = 0; round < 200; round++)
        {
            using var rooms = new RoomSubscriptions();
            var binder = new RecordingBinder { Delay = async () => await Task.Yield() };
            await rooms.AttachAsync(binder, Cancellation);
            await rooms.AddAsync("#busy", Cancellation);
            var joinBegun = 0;

            var prune = Task.Run(() => rooms.PruneAsync(_ => Volatile.Read(ref joinBegun) == 0, Cancellation), Cancellation);
            var join = Task.Run(async () =>
            {
                Volatile.Write(ref joinBegun, 1);
                await rooms.AddAsync("#busy", Cancellation);
            }, Cancellation);
            await Task.WhenAll(prune, join);

            Assert.True(binder.IsBound(RoomTopics.Of("#busy")), $"round {round}: {string.Join(' ', binder.Calls)}");
        }
    }
}
