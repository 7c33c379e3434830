namespace ChatCloud.Auth.Accounts;

/// <summary>
/// Email is optional and not verified yet (no mail is sent), so only its shape is checked: one '@'
/// with text on both sides, no spaces, at most 254 characters (RFC 5321's path limit).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsPlausible(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= MaxLength
            && at > 0 && at < email.Length - 1 && at == email.LastIndexOf('@')
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }
}
