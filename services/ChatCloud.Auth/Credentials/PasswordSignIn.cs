using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AppPasswords;
using ChatCloud.Auth.Passwords;

namespace ChatCloud.Auth.Credentials;

/// <summary>Where a password is typed: the web sign-in page takes only the account password; IRC also takes app passwords.</summary>
public enum SignInChannel
{
    Web,
    Irc,
}

/// <summary>
/// The answer of a sign-in: the account, or nothing; <see cref="RetryAfter"/> when the address is over
/// its limit; <see cref="AppPasswordId"/> when an app password, not the account's password, was typed.
/// </summary>
public sealed record SignInAttempt(StoredCredentials? Account, TimeSpan? RetryAfter = null, Guid? AppPasswordId = null);

/// <summary>
/// The one password check of the service, for <c>POST /credentials/verify</c> (the edge's SASL PLAIN,
/// PASS) and the sign-in page. Every refusal — unknown name, wrong password, disabled, locked out —
/// is the same null after the same work: an unknown name is checked against a dummy hash of the same
/// cost, and a locked name still has its password hashed, so neither words nor timing tell which
/// names exist (issue 4). Only an address over its failure limit is told so (429), which says
/// nothing about any account.
/// </summary>
public sealed partial class PasswordSignIn(
    AccountStore accounts, PasswordHasher hasher, DummyPasswordHash dummy, AbuseGuard guard, AppPasswordStore appPasswords, ILogger<PasswordSignIn> logger)
{
    public async Task<SignInAttempt> VerifyAsync(string? name, string? password, string? clientAddress, SignInChannel channel, CancellationToken cancellationToken)
    {
        name ??= "";
        password ??= "";
        var address = await guard.CheckSignInAddressAsync(clientAddress);
        if (!address.Allowed)
        {
            LogLimited(logger);
            return new SignInAttempt(null, address.RetryAfter);
        }
        var locked = await guard.IsLockedAsync(name);
        var found = AccountName.IsValid(name) ? await accounts.FindCredentialsAsync(name, cancellationToken) : null;
        var matches = PasswordHasher.Verify(password, found?.PasswordHash ?? dummy.Value);
        Guid? appPasswordId = null;
        if (!matches && channel == SignInChannel.Irc)
        {
            // Asked for unknown names too (of no account), so the lookup costs every refusal the same.
            appPasswordId = await appPasswords.VerifyAsync(found?.Id ?? Guid.Empty, password, cancellationToken);
        }
        if (found is null || !(matches || appPasswordId is not null) || found.Disabled || locked)
        {
            await guard.RecordSignInFailureAsync(name, clientAddress);
            LogRefused(logger, found is null ? "unknown account" : locked ? "locked out" : found.Disabled ? "disabled account" : "wrong password");
            return new SignInAttempt(null);
        }
        await guard.RecordSignInSuccessAsync(name);
        if (matches && hasher.NeedsRehash(found.PasswordHash))
        {
            await accounts.UpdatePasswordHashAsync(found.Id, hasher.Hash(password), cancellationToken);
        }
        return new SignInAttempt(found, AppPasswordId: appPasswordId);
    }

    /// <summary>
    /// The password typed again by a signed-in user (password change, deletion). A stolen access token
    /// is no password oracle: failures count towards the lock-out, and a locked account is refused.
    /// </summary>
    public async Task<bool> ConfirmAsync(StoredCredentials account, string? password, string clientAddress)
    {
        var locked = await guard.IsLockedAsync(account.Name);
        if (PasswordHasher.Verify(password ?? "", account.PasswordHash) && !locked)
        {
            return true;
        }
        await guard.RecordSignInFailureAsync(account.Name, clientAddress);
        LogRefused(logger, locked ? "locked out, confirming" : "wrong password, confirming");
        return false;
    }

    // Neither the password nor the name tried: a log of names tried would list who has accounts.
    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in was refused: its address is over the failure limit")]
    private static partial void LogLimited(ILogger logger);
}

/// <summary>A hash of a random password at the configured cost, made once, to verify unknown names against.</summary>
public sealed class DummyPasswordHash(PasswordHasher hasher)
{
    private readonly Lazy<string> _value = new(() => hasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public string Value => _value.Value;
}
