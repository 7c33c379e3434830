using ChatCloud.Contracts.History;
using ChatCloud.History.Access;
using ChatCloud.History.Rooms;
using ChatCloud.Messaging;

namespace ChatCloud.History.Prefetch;

/// <summary>
/// Opening a room (<c>latest=*</c>, messages only) is served from a prefetched page when there is one,
/// and each such open by a person is reported as a prefetch hit or miss with the time it took
/// (<see cref="PrefetchOutcome"/>). Other reads never touch the cache.
/// </summary>
public sealed class LatestPageReads(LatestPageCache cache, BestEffortPublisher activity, TimeProvider time)
{
    public static bool Applies(MessageQuery query, bool? events) =>
        query.Selector == HistorySelector.Latest && query.First is null && events is not true;

    /// <summary>The newest <paramref name="limit"/> messages of the cached page, or null when the room has none cached.</summary>
    public async Task<RoomHistory?> CachedAsync(string room, int limit) =>
        await cache.GetAsync(room) is { } page ? page with { Messages = [.. page.Messages.TakeLast(limit)] } : null;

    /// <summary>
    /// A hit is a cached page for a room hinted for this account. A service's read counts for the person
    /// it names (the TCP edge's CHATHISTORY LATEST: a terminal's open); guests and services reading for
    /// no one are not counted.
    /// </summary>
    public async Task ReportAsync(HistoryCaller caller, string room, bool cached, long startedAt)
    {
        if (caller.Reader is not { } account)
        {
            return;
        }
        var hit = cached && await cache.WasHintedAsync(account, room);
        activity.Publish(new PrefetchOutcome(account, room, hit, time.GetElapsedTime(startedAt).TotalMilliseconds) { OccurredAt = time.GetUtcNow() });
    }
}
