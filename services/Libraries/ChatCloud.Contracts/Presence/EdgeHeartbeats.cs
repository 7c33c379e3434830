namespace ChatCloud.Contracts.Presence;

/// <summary>
/// The Redis key each TCP edge keeps alive while it runs (set every few seconds with a short
/// lifetime, deleted on a clean stop). Other services read it to tell a live edge from one that
/// crashed: the nick directory frees a dead edge's nicks, the messages service sweeps its members.
/// </summary>
public static class EdgeHeartbeats
{
    public const string KeyPrefix = "chatcloud:edge:";

    /// <summary>How long a heartbeat lives without a refresh.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    public static string Key(string edge) => KeyPrefix + edge;
}
