using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Passwords;

namespace ChatCloud.Auth.Credentials;

/// <summary>
/// The one password check of the service, for <c>POST /credentials/verify</c> (the edge's SASL PLAIN,
/// PASS) and the sign-in page. Every refusal is the same null, in about the same time: an unknown
/// name is checked against a dummy hash of the same cost, so timing does not tell which names exist.
/// </summary>
public sealed partial class PasswordSignIn(AccountStore accounts, PasswordHasher hasher, DummyPasswordHash dummy, ILogger<PasswordSignIn> logger)
{
    public async Task<StoredCredentials?> VerifyAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        name ??= "";
        password ??= "";
        var found = AccountName.IsValid(name) ? await accounts.FindCredentialsAsync(name, cancellationToken) : null;
        var matches = PasswordHasher.Verify(password, found?.PasswordHash ?? dummy.Value);
        if (found is null || !matches || found.Disabled)
        {
            LogRefused(logger, found is null ? "unknown account" : found.Disabled ? "disabled account" : "wrong password");
            return null;
        }
        if (hasher.NeedsRehash(found.PasswordHash))
        {
            await accounts.UpdatePasswordHashAsync(found.Id, hasher.Hash(password), cancellationToken);
        }
        return found;
    }

    // Neither the password nor the name tried: a log of names tried would list who has accounts.
    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>A hash of a random password at the configured cost, made once, to verify unknown names against.</summary>
public sealed class DummyPasswordHash(PasswordHasher hasher)
{
    private readonly Lazy<string> _value = new(() => hasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public string Value => _value.Value;
}
