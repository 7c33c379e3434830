using ChatCloud.Auth.Accounts;

namespace ChatCloud.Auth.Passwords;

/// <summary>
/// What a new password must be (docs/protocol.md, "Accounts"). Deliberately few rules — length, not
/// the account name — as NIST SP 800-63B recommends over composition rules that push people to
/// predictable patterns. The length is counted in characters (Unicode scalar values), not bytes.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;

    /// <summary>
    /// Long passphrases are welcome, but a password travels in one IRC line (REGISTER, PASS) and is
    /// hashed on every sign-in; the account-registration spec suggests 300 bytes as a safe limit.
    /// </summary>
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="password"/> cannot be the password of <paramref name="accountName"/>, or null when it can.</summary>
    public static string? Check(string password, string accountName)
    {
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return $"Use at least {MinLength} characters.";
        }
        if (length > MaxLength)
        {
            return $"Use at most {MaxLength} characters.";
        }
        // SASL PLAIN separates its fields with NUL: such a password could never be used to sign in.
        if (password.Contains('\0', StringComparison.Ordinal))
        {
            return "A password cannot contain the NUL character.";
        }
        // Compared as names are (rfc1459 fold), so "Alice[1]" does not get "alice{1}" as a password.
        if (string.Equals(AccountName.Fold(password.Trim()), AccountName.Fold(accountName), StringComparison.Ordinal))
        {
            return "The password cannot be the account name.";
        }
        return null;
    }
}
