using ChatCloud.Irc;

namespace ChatCloud.Auth.Accounts;

/// <summary>
/// Account names double as IRC nicks, so they follow the edge's nick rules and compare under its
/// rfc1459 casemapping: "Alice" and "alice" are one account, on the web and on IRC alike.
/// </summary>
public static class AccountName
{
    public const int MaxLength = 30;

    public static bool IsValid(string? name) => IrcCaseMapping.IsValidNickname(name, MaxLength);

    /// <summary>The prefix of the tombstones that sign a deleted account's messages (docs/privacy.md).</summary>
    public const string TombstonePrefix = "deleted-";

    /// <summary>Names no one may register: a tombstone taken as an account would pass for the deleted author.</summary>
    public static bool IsReserved(string name) => Fold(name).StartsWith(TombstonePrefix, StringComparison.Ordinal);

    /// <summary>The form stored under the unique index.</summary>
    public static string Fold(string name) => IrcCaseMapping.Rfc1459.Fold(name);
}
