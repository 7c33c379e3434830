using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Recommendations;
using ChatCloud.Contracts.History;
using ChatCloud.History.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messaging;

namespace ChatCloud.History.Prefetch;

/// <summary>
/// Predictive prefetch (issue 7): the recommender hints which rooms an account will open next; their
/// latest pages are read now, before the client asks, unless they are cached already, and the hint
/// is remembered for the account so its next open of the room counts as a prefetch hit or miss.
/// </summary>
public sealed class PrefetchWarmer(LatestPageCache cache, RoomHistoryStore store) : IEventHandler<PrefetchHinted>
{
    /// <summary>A hint names a few rooms; more than this is not a prediction, and is cut.</summary>
    public const int MaxRooms = 5;

    public async Task HandleAsync(PrefetchHinted hinted, EventContext context, CancellationToken cancellationToken)
    {
        foreach (var room in hinted.Rooms.Where(r => IrcCaseMapping.IsValidChannelName(r)).Select(IrcCaseMapping.Rfc1459.Fold).Distinct().Take(MaxRooms))
        {
            await cache.MarkHintedAsync(hinted.AccountId, room);
            if (await cache.HasAsync(room))
            {
                continue;
            }
            var generation = await cache.GenerationAsync(room);
            var (name, messages) = await store.ReadAsync(HistorySource.Rooms, room, HistoryPlan.For(HistorySelector.Latest, null, null, HistoryPlan.MaxLimit),
                HistoryPlan.MaxLimit, cancellationToken);
            if (name is not null)
            {
                await cache.PutAsync(room, generation, new RoomHistory(name, messages));
            }
        }
    }
}

/// <summary>
/// A new message or a redaction changes a room's latest page: the cached one goes. Taken a batch at
/// a time, a room once per batch: a busy room's messages otherwise cost a Redis round trip and an
/// acknowledgement each, CPU the message pipeline itself needs (measured: docs/benchmarks.md).
/// </summary>
public sealed class LatestPageInvalidator(LatestPageCache cache) : IBatchEventHandler<MessageStored>
{
    public Task HandleBatchAsync(IReadOnlyList<EventDelivery<MessageStored>> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(batch.Select(delivery => delivery.Event)
            .Where(stored => stored.Kind is "PRIVMSG" or "NOTICE" or "REDACT")
            .Select(stored => IrcCaseMapping.Rfc1459.Fold(stored.Room))
            .Distinct(StringComparer.Ordinal)
            .Select(cache.InvalidateAsync));
}
