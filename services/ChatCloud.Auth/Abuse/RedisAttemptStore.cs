using System.Globalization;
using StackExchange.Redis;

namespace ChatCloud.Auth.Abuse;

/// <summary>
/// Sliding-window logs in Redis sorted sets (score = the event's time in ms), one Lua script per
/// operation so replicas counting at once cannot both slip under a limit. Keys expire after their
/// window, so an address or name that stops trying leaves nothing behind.
/// </summary>
public sealed class RedisAttemptStore(IConnectionMultiplexer redis) : IAttemptStore
{
    private const string Prefix = "auth:abuse:";

    // KEYS[1] log; ARGV: now ms, window ms, limit, member, record (1/0). Returns {allowed, oldest score}.
    private const string WindowScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        local count = redis.call('ZCARD', KEYS[1])
        if count >= tonumber(ARGV[3]) then
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return {0, oldest[2]}
        end
        if ARGV[5] == '1' then
          redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return {1, '0'}
        """;

    // KEYS[1] log; ARGV: now ms, window ms, member. Returns the count after adding.
    private const string RecordScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return redis.call('ZCARD', KEYS[1])
        """;

    private IDatabase Db => redis.GetDatabase();

    public Task<WindowDecision> TryRecordAsync(string key, int limit, TimeSpan window, DateTimeOffset now) =>
        WindowAsync(key, limit, window, now, record: true);

    public Task<WindowDecision> PeekAsync(string key, int limit, TimeSpan window, DateTimeOffset now) =>
        WindowAsync(key, limit, window, now, record: false);

    private async Task<WindowDecision> WindowAsync(string key, int limit, TimeSpan window, DateTimeOffset now, bool record)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(WindowScript, [Prefix + key],
            [nowMs, (long)window.TotalMilliseconds, limit, Guid.NewGuid().ToString("N"), record ? "1" : "0"]))!;
        if ((long)result[0] == 1)
        {
            return WindowDecision.Allow;
        }
        var oldest = double.Parse((string)result[1]!, CultureInfo.InvariantCulture);
        var retryAfter = TimeSpan.FromMilliseconds(oldest + window.TotalMilliseconds - nowMs);
        return new WindowDecision(false, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
    }

    public async Task<int> RecordAsync(string key, TimeSpan window, DateTimeOffset now) =>
        (int)(long)(await Db.ScriptEvaluateAsync(RecordScript, [Prefix + key],
            [now.ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, Guid.NewGuid().ToString("N")]));

    public Task ClearAsync(string key) => Db.KeyDeleteAsync(Prefix + key);

    public Task SetUntilAsync(string key, DateTimeOffset until, DateTimeOffset now)
    {
        var lifetime = until - now;
        return lifetime <= TimeSpan.Zero
            ? Task.CompletedTask
            : Db.StringSetAsync(Prefix + key, until.ToUnixTimeMilliseconds(), lifetime);
    }

    public async Task<DateTimeOffset?> GetUntilAsync(string key)
    {
        var value = await Db.StringGetAsync(Prefix + key);
        return value.TryParse(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
