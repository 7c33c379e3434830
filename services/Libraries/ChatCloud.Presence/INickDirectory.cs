namespace ChatCloud.Presence;

/// <summary>
/// Nicknames across every edge (docs/architecture.md, "Users and rooms across edges"): a nick is
/// held by one connection, wherever it is. Sessions are named by their id on this edge; the
/// directory adds which edge.
/// </summary>
public interface INickDirectory
{
    /// <summary>
    /// Takes <paramref name="nick"/> for the session <paramref name="session"/>; false when another live connection
    /// holds it. A holder whose edge stopped beating is taken over. Throws when the directory cannot
    /// be reached, so a nick is never granted twice.
    /// </summary>
    Task<bool> TryClaimAsync(string nick, string session, CancellationToken cancellationToken);

    /// <summary>Puts what WHOIS shows of a registered user beside its nick (again after a change, such as AWAY).</summary>
    Task PublishAsync(DirectoryUser user, CancellationToken cancellationToken);

    /// <summary>The user holding <paramref name="nick"/> on any edge, or null.</summary>
    Task<DirectoryUser?> FindAsync(string nick, CancellationToken cancellationToken);

    /// <summary>Gives <paramref name="nick"/> (and what was published beside it) up, if <paramref name="session"/> still holds it.</summary>
    Task ReleaseAsync(string nick, string session, CancellationToken cancellationToken);
}

/// <summary>What other edges need to know of a registered user: WHOIS's answer.</summary>
public sealed record DirectoryUser(string Nick, string User, string Host, string RealName, string? Account, string? Away, DateTimeOffset SignedOnAt);
