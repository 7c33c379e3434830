using ChatCloud.Auth.Abuse;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class AbuseGuardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly AbuseOptions _options = new()
    {
        LockoutFailures = 3,
        LockoutWindow = TimeSpan.FromMinutes(15),
        LockoutDuration = TimeSpan.FromMinutes(15),
        SignInFailuresPerAddress = new() { Limit = 5, Window = TimeSpan.FromMinutes(5) },
        RegistrationsPerAddress = new() { Limit = 2, Window = TimeSpan.FromHours(1) },
    };

    private AbuseGuard Guard() => new(new InMemoryAttemptStore(), Options.Create(_options), _time);

    [Fact]
    public async Task The_threshold_of_consecutive_failures_locks_the_name_and_the_lock_ends_by_itself()
    {
        var guard = Guard();
        await guard.RecordSignInFailureAsync("alice", null);
        await guard.RecordSignInFailureAsync("Alice", null);
        Assert.False(await guard.IsLockedAsync("alice"));

        await guard.RecordSignInFailureAsync("ALICE", null);
        Assert.True(await guard.IsLockedAsync("alice"));
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(await guard.IsLockedAsync("alice"));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await guard.IsLockedAsync("alice"));
        // A fresh run is needed for the next lock.
        await guard.RecordSignInFailureAsync("alice", null);
        Assert.False(await guard.IsLockedAsync("alice"));
    }

    [Fact]
    public async Task A_success_ends_the_run_so_only_consecutive_failures_lock()
    {
        var guard = Guard();
        await guard.RecordSignInFailureAsync("bob", null);
        await guard.RecordSignInFailureAsync("bob", null);
        await guard.RecordSignInSuccessAsync("bob");
        await guard.RecordSignInFailureAsync("bob", null);
        await guard.RecordSignInFailureAsync("bob", null);

        Assert.False(await guard.IsLockedAsync("bob"));
    }

    [Fact]
    public async Task Failures_older_than_the_window_do_not_count()
    {
        var guard = Guard();
        await guard.RecordSignInFailureAsync("carol", null);
        await guard.RecordSignInFailureAsync("carol", null);
        _time.Advance(TimeSpan.FromMinutes(16));
        await guard.RecordSignInFailureAsync("carol", null);

        Assert.False(await guard.IsLockedAsync("carol"));
    }

    [Fact]
    public async Task Names_without_an_account_lock_the_same_way()
    {
        var guard = Guard();
        for (var i = 0; i < 3; i++)
        {
            await guard.RecordSignInFailureAsync("nobody-has-this", null);
        }

        Assert.True(await guard.IsLockedAsync("nobody-has-this"));
        Assert.False(await guard.IsLockedAsync("not a valid name"));
    }

    [Fact]
    public async Task An_address_over_its_failure_limit_is_told_when_to_retry_and_others_are_not()
    {
        var guard = Guard();
        for (var i = 0; i < 5; i++)
        {
            await guard.RecordSignInFailureAsync($"user{i}", "198.51.100.7");
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await guard.CheckSignInAddressAsync("198.51.100.7");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(50), refused.RetryAfter);
        Assert.True((await guard.CheckSignInAddressAsync("198.51.100.8")).Allowed);
        Assert.True((await guard.CheckSignInAddressAsync(null)).Allowed);
        _time.Advance(refused.RetryAfter);
        Assert.True((await guard.CheckSignInAddressAsync("198.51.100.7")).Allowed);
    }

    [Fact]
    public async Task Registrations_are_limited_per_address_in_a_sliding_window()
    {
        var guard = Guard();
        Assert.True((await guard.TryRegistrationAsync("203.0.113.1")).Allowed);
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.True((await guard.TryRegistrationAsync("203.0.113.1")).Allowed);

        var refused = await guard.TryRegistrationAsync("203.0.113.1");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(30), refused.RetryAfter);
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.True((await guard.TryRegistrationAsync("203.0.113.1")).Allowed);
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.2, 2)]
    [InlineData(299.5, 300)]
    public void Retry_after_is_whole_seconds_rounded_up_and_at_least_one(double seconds, long expected) =>
        Assert.Equal(expected, TooManyRequests.Seconds(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::1", "::1")]
    [InlineData("not an address", null)]
    [InlineData(null, null)]
    public void Only_a_parseable_reported_address_is_counted(string? reported, string? counted) =>
        Assert.Equal(counted, TooManyRequests.AddressOf(reported));
}
