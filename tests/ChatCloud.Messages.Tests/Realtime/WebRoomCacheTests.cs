using ChatCloud.Contracts.Rooms;
using ChatCloud.Messages.Realtime;
using ChatCloud.Messages.Rooms;
using Npgsql;
using Xunit;

namespace ChatCloud.Messages.Tests.Realtime;

/// <summary>
/// The web edge's room cache (docs/web-realtime.md, "Room state for Send"): kept until the stream
/// shows a change that matters, and a read older than a change seen is not kept.
/// </summary>
public sealed class WebRoomCacheTests : IAsyncDisposable
{
    // Never opened: every answer here must come from the cache.
    private readonly NpgsqlDataSource _unused = NpgsqlDataSource.Create("Host=unused.invalid");

    private WebRoomCache Cache() => new(new RoomMembership(_unused, TimeProvider.System));

    private static RoomSnapshot Room(long sequence, string modes = "nt") =>
        new("#Room", sequence, DateTimeOffset.UnixEpoch, modes, null, null, null, [new RoomMember("alice", "alice", "web", null, "")]);

    [Fact]
    public void Messages_leave_the_copy_and_a_mode_change_drops_it()
    {
        var cache = Cache();
        cache.Put(Room(5));

        cache.Saw("#room", "PRIVMSG", 6);
        cache.Saw("#room", "TOPIC", 7);
        var afterMessages = cache.Cached("#ROOM");
        cache.Saw("#room", "MODE", 8);
        var afterMode = cache.Cached("#room");

        Assert.Equal(5, afterMessages?.Sequence);
        Assert.Null(afterMode);
    }

    [Fact]
    public void A_read_that_started_before_a_change_is_not_kept_and_a_newer_one_is()
    {
        var cache = Cache();
        cache.Put(Room(5));
        cache.Saw("#room", "KICK", 9);

        cache.Put(Room(8));
        var stale = cache.Cached("#room");
        cache.Put(Room(9, "mnt"));
        var current = cache.Cached("#room");

        Assert.Null(stale);
        Assert.Equal(("mnt", 9L), (current?.Modes, current?.Sequence));
    }

    [Fact]
    public void A_forgotten_room_holds_nothing()
    {
        var cache = Cache();
        cache.Put(Room(5));

        cache.Forget("#room");

        Assert.Null(cache.Cached("#room"));
    }

    public ValueTask DisposeAsync() => _unused.DisposeAsync();
}
