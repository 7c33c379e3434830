using System.Collections.Concurrent;
using ChatCloud.Auth.Abuse;

namespace ChatCloud.Auth.Tests;

/// <summary>The sliding windows of <see cref="RedisAttemptStore"/> in memory, for the guard's rules; the Redis one runs in the integration tests.</summary>
internal sealed class InMemoryAttemptStore : IAttemptStore
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _logs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    private List<DateTimeOffset> Log(string key, TimeSpan window, DateTimeOffset now)
    {
        var log = _logs.GetOrAdd(key, _ => []);
        log.RemoveAll(at => at <= now - window);
        return log;
    }

    public Task<WindowDecision> TryRecordAsync(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        var log = Log(key, window, now);
        if (log.Count >= limit)
        {
            return Task.FromResult(new WindowDecision(false, log[0] + window - now));
        }
        log.Add(now);
        return Task.FromResult(WindowDecision.Allow);
    }

    public Task<WindowDecision> PeekAsync(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        var log = Log(key, window, now);
        return Task.FromResult(log.Count >= limit ? new WindowDecision(false, log[0] + window - now) : WindowDecision.Allow);
    }

    public Task<int> RecordAsync(string key, TimeSpan window, DateTimeOffset now)
    {
        var log = Log(key, window, now);
        log.Add(now);
        return Task.FromResult(log.Count);
    }

    public Task ClearAsync(string key)
    {
        _logs.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task SetUntilAsync(string key, DateTimeOffset until, DateTimeOffset now)
    {
        _until[key] = until;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetUntilAsync(string key) =>
        Task.FromResult(_until.TryGetValue(key, out var until) ? until : (DateTimeOffset?)null);
}
