namespace ChatCloud.TcpEdge.Server;

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

    /// <summary>Gives <paramref name="nick"/> up, if <paramref name="session"/> still holds it.</summary>
    Task ReleaseAsync(string nick, string session, CancellationToken cancellationToken);
}
