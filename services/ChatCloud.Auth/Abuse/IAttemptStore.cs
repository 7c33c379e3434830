namespace ChatCloud.Auth.Abuse;

/// <summary>The answer of a sliding window: allowed, or refused until <see cref="RetryAfter"/> has passed.</summary>
public readonly record struct WindowDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static WindowDecision Allow => new(true, TimeSpan.Zero);
}

/// <summary>
/// Counters shared by every replica (Redis in the service, memory in unit tests). Times come from the
/// caller's <see cref="TimeProvider"/>, never from the store's clock, so the rules are testable and a
/// store's own expiry is only a clean-up.
/// </summary>
public interface IAttemptStore
{
    /// <summary>Records one event under <paramref name="key"/> unless <paramref name="limit"/> are already in the window.</summary>
    Task<WindowDecision> TryRecordAsync(string key, int limit, TimeSpan window, DateTimeOffset now);

    /// <summary>How many events are in the window, without recording one.</summary>
    Task<WindowDecision> PeekAsync(string key, int limit, TimeSpan window, DateTimeOffset now);

    /// <summary>Records one event (no limit) and answers how many are in the window now.</summary>
    Task<int> RecordAsync(string key, TimeSpan window, DateTimeOffset now);

    Task ClearAsync(string key);

    Task SetUntilAsync(string key, DateTimeOffset until, DateTimeOffset now);

    /// <summary>The time stored by <see cref="SetUntilAsync"/>, or null.</summary>
    Task<DateTimeOffset?> GetUntilAsync(string key);
}
