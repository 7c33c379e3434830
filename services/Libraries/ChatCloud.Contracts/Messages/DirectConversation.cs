namespace ChatCloud.Contracts.Messages;

/// <summary>
/// Names a conversation between two parties (docs/architecture.md, "Direct messages"). A party is
/// <c>a:&lt;account&gt;</c> for a connection logged in to an account and <c>n:&lt;nick&gt;</c> for a
/// guest, each folded under the network's casemapping (rfc1459) by the caller: an account is the
/// identity that outlives a connection, and a guest has no identity but its nick. The key is the
/// two parties in ordinal order, joined by a space, so both ends name the same conversation; it can
/// never be a room name (rooms start with <c>#</c> and hold no space).
/// </summary>
public static class DirectConversation
{
    private const string AccountPrefix = "a:";
    private const string NickPrefix = "n:";

    /// <param name="foldedAccount">The account name folded, or null for a guest.</param>
    /// <param name="foldedNick">The nick folded; used only for a guest.</param>
    public static string Party(string? foldedAccount, string foldedNick) =>
        foldedAccount is not null ? AccountPrefix + foldedAccount : NickPrefix + foldedNick;

    /// <summary>The two parties a folded nick may stand for: its account's name, or a guest holding it.</summary>
    public static IReadOnlyList<string> PartiesNamed(string foldedName) => [AccountPrefix + foldedName, NickPrefix + foldedName];

    public static string Key(string party, string otherParty) =>
        string.CompareOrdinal(party, otherParty) <= 0 ? $"{party} {otherParty}" : $"{otherParty} {party}";

    /// <summary>A party's name without its kind: the account or nick (folded).</summary>
    public static string NameOf(string party) => party[AccountPrefix.Length..];

    public static bool IsParty(string? party) =>
        party is { Length: > 2 } && (party.StartsWith(AccountPrefix, StringComparison.Ordinal) || party.StartsWith(NickPrefix, StringComparison.Ordinal))
        && !party.AsSpan().ContainsAny(" ,\r\n\0");

    /// <summary>Whether <paramref name="key"/> is a well-formed key, in order; its parties when it is.</summary>
    public static bool TryParse(string? key, out string first, out string second)
    {
        first = second = "";
        var space = key?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space < 0)
        {
            return false;
        }
        first = key![..space];
        second = key[(space + 1)..];
        return IsParty(first) && IsParty(second) && string.CompareOrdinal(first, second) <= 0;
    }

    /// <summary>The party of <paramref name="key"/> that is not <paramref name="party"/> (the same one for a note to oneself).</summary>
    public static string? OtherParty(string key, string party) =>
        !TryParse(key, out var first, out var second) ? null
        : first == party ? second
        : second == party ? first
        : null;
}
