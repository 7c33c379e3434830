using System.Text.Json;
using ChatCloud.Contracts.History;
using StackExchange.Redis;

namespace ChatCloud.History.Prefetch;

/// <summary>
/// Rooms' latest pages (the newest <see cref="Rooms.HistoryPlan.MaxLimit"/> messages, what a client
/// asks for when it opens a room) in Redis, warmed by prefetch hints (<see cref="PrefetchWarmer"/>)
/// and dropped when the room gets a new message or a redaction (<see cref="LatestPageInvalidator"/>).
/// <para>
/// A warm-up that read the page while a message was being stored must not put the older page back
/// after the message's invalidation: each room has a generation that every invalidation increments,
/// and a page is written only if the generation is still the one read before the database was. What
/// remains is the moment between a message's commit and its event reaching here (milliseconds),
/// during which a cached page lacks it; the web app merges the live stream with history by msgid, so
/// it shows the message either way. Pages expire after <see cref="Lifetime"/> regardless.
/// </para>
/// </summary>
public sealed class LatestPageCache(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a hint counts: a room opened later than this after its hint was not prefetched for that open.</summary>
    public static readonly TimeSpan HintLifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static RedisKey Page(string room) => $"hist:latest:{room}";
    private static RedisKey Generation(string room) => $"hist:gen:{room}";
    private static RedisKey Hinted(Guid account, string room) => $"hist:hinted:{account:N}:{room}";

    public async Task<RoomHistory?> GetAsync(string room) =>
        await redis.GetDatabase().StringGetAsync(Page(room)) is { HasValue: true } json ? JsonSerializer.Deserialize<RoomHistory>((string)json!, Json) : null;

    public async Task<bool> HasAsync(string room) => await redis.GetDatabase().KeyExistsAsync(Page(room));

    /// <summary>The room's generation now; pass it to <see cref="PutAsync"/> after reading the page.</summary>
    public async Task<long> GenerationAsync(string room) =>
        await redis.GetDatabase().StringGetAsync(Generation(room)) is { HasValue: true } value ? (long)value : 0;

    /// <summary>Stores the page unless the room changed since <paramref name="generation"/> was read; true when stored.</summary>
    public async Task<bool> PutAsync(string room, long generation, RoomHistory page)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(generation == 0 ? Condition.KeyNotExists(Generation(room)) : Condition.StringEqual(Generation(room), generation));
        _ = transaction.StringSetAsync(Page(room), JsonSerializer.Serialize(page, Json), Lifetime);
        return await transaction.ExecuteAsync();
    }

    public Task InvalidateAsync(string room)
    {
        var db = redis.GetDatabase();
        return Task.WhenAll(db.StringIncrementAsync(Generation(room)), db.KeyExpireAsync(Generation(room), TimeSpan.FromDays(1)), db.KeyDeleteAsync(Page(room)));
    }

    public Task MarkHintedAsync(Guid account, string room) => redis.GetDatabase().StringSetAsync(Hinted(account, room), 1, HintLifetime);

    public Task<bool> WasHintedAsync(Guid account, string room) => redis.GetDatabase().KeyExistsAsync(Hinted(account, room));
}
