using System.Security.Claims;
using ChatCloud.Authentication;
using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;

namespace ChatCloud.History.Access;

/// <summary>
/// Who reads history. A service (the TCP edge) checks membership itself and names the asker, so it
/// reads any room; a person reads as their account: its id (<c>sub</c>) for room membership, its
/// name (<c>name</c>, or Keycloak's <c>preferred_username</c>) for the conversations it is a party to.
/// </summary>
public sealed record HistoryCaller(bool IsService, Guid? Account, string? AccountName)
{
    /// <summary>The person a service reads for (<see cref="HistoryHeaders.OnBehalfOf"/>); only ever set for a service.</summary>
    public Guid? OnBehalfOf { get; init; }

    /// <summary>The person whose read this is, for the prefetch figures: the account itself, or the one a service named.</summary>
    public Guid? Reader => IsService ? OnBehalfOf : Account;

    /// <param name="onBehalfOf">The <see cref="HistoryHeaders.OnBehalfOf"/> header: believed from a service, ignored from a person.</param>
    public static HistoryCaller From(ClaimsPrincipal user, string? onBehalfOf = null)
    {
        if (user.IsInRole(TokenRoles.Service))
        {
            return new HistoryCaller(true, null, null) { OnBehalfOf = Guid.TryParse(onBehalfOf, out var reader) ? reader : null };
        }
        var account = Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : (Guid?)null;
        return new HistoryCaller(false, account, user.Identity?.Name);
    }

    /// <summary>The conversation party a person reads as: <c>a:&lt;folded account name&gt;</c>, as the edges write it.</summary>
    public string? Party => AccountName is { Length: > 0 } name
        ? DirectConversation.Party(IrcCaseMapping.Rfc1459.Fold(name), IrcCaseMapping.Rfc1459.Fold(name))
        : null;

    /// <summary>
    /// The party a conversation request reads as, or null when the caller may not read as
    /// <paramref name="asked"/>: a service names any party, a person only their own account (or none: then theirs).
    /// </summary>
    public string? ReadsAs(string? asked) => IsService
        ? asked
        : asked is null || string.Equals(asked, Party, StringComparison.Ordinal) ? Party : null;
}
