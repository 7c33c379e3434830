using ChatCloud.Auth.Accounts;
using Microsoft.Extensions.Options;

namespace ChatCloud.Auth.Abuse;

/// <summary>
/// The rules of docs/security.md "Abuse protection": failed sign-ins per address, sign-ups and token
/// requests per address, and the lock-out of an account name after consecutive failures. Names are
/// counted whether an account has them or not, so a lock says nothing about which names exist.
/// </summary>
public sealed class AbuseGuard(IAttemptStore store, IOptions<AbuseOptions> options, TimeProvider time)
{
    private AbuseOptions Options => options.Value;

    /// <summary>Before a password is checked: has this address failed too often lately? No address, no limit.</summary>
    public Task<WindowDecision> CheckSignInAddressAsync(string? address) =>
        address is null
            ? Task.FromResult(WindowDecision.Allow)
            : store.PeekAsync("signin-failures:" + address, Options.SignInFailuresPerAddress.Limit, Options.SignInFailuresPerAddress.Window, time.GetUtcNow());

    public async Task<bool> IsLockedAsync(string name)
    {
        if (!AccountName.IsValid(name))
        {
            return false;
        }
        var until = await store.GetUntilAsync(LockKey(name));
        return until is { } end && end > time.GetUtcNow();
    }

    /// <summary>Counts a failure against the address and the name; the failure that reaches the threshold locks the name.</summary>
    public async Task RecordSignInFailureAsync(string name, string? address)
    {
        var now = time.GetUtcNow();
        if (address is not null)
        {
            await store.RecordAsync("signin-failures:" + address, Options.SignInFailuresPerAddress.Window, now);
        }
        if (!AccountName.IsValid(name))
        {
            return;
        }
        var failures = await store.RecordAsync(FailuresKey(name), Options.LockoutWindow, now);
        if (failures >= Options.LockoutFailures)
        {
            await store.SetUntilAsync(LockKey(name), now + Options.LockoutDuration, now);
            // The next lock needs a fresh run of failures, not one more on top of this run.
            await store.ClearAsync(FailuresKey(name));
        }
    }

    /// <summary>A right password ends the run of failures ("consecutive").</summary>
    public Task RecordSignInSuccessAsync(string name) =>
        AccountName.IsValid(name) ? store.ClearAsync(FailuresKey(name)) : Task.CompletedTask;

    /// <summary>Counts a sign-up attempt (valid or not) from the address.</summary>
    public Task<WindowDecision> TryRegistrationAsync(string address) =>
        store.TryRecordAsync("registrations:" + address, Options.RegistrationsPerAddress.Limit, Options.RegistrationsPerAddress.Window, time.GetUtcNow());

    public Task<WindowDecision> TryTokenRequestAsync(string address) =>
        store.TryRecordAsync("token-requests:" + address, Options.TokenRequestsPerAddress.Limit, Options.TokenRequestsPerAddress.Window, time.GetUtcNow());

    private static string FailuresKey(string name) => "name-failures:" + AccountName.Fold(name);

    private static string LockKey(string name) => "name-locked:" + AccountName.Fold(name);
}
