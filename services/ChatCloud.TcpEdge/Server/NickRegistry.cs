using System.Collections.Concurrent;
using ChatCloud.Irc;

namespace ChatCloud.TcpEdge.Server;

/// <summary>Who holds which nickname on this edge, compared under the server's casemapping (rfc1459).</summary>
public sealed class NickRegistry
{
    private readonly ConcurrentDictionary<string, IrcSession> _owners = new(IrcCaseMapping.Rfc1459);

    public int Count => _owners.Count;

    /// <summary>The sessions holding a nick on this edge (registered or registering).</summary>
    public IEnumerable<IrcSession> Sessions => _owners.Values;

    /// <summary>The session on this edge holding <paramref name="nick"/>, if one does.</summary>
    public IrcSession? Find(string nick) => _owners.GetValueOrDefault(nick);

    /// <summary>Takes <paramref name="nick"/> for the session, releasing its previous one; false if someone else holds it.</summary>
    public bool TryClaim(IrcSession session, string nick, string? previous)
    {
        if (!_owners.TryAdd(nick, session))
        {
            // A case-only change of one's own nick ("alice" to "Alice") is the same key.
            if (!(_owners.TryGetValue(nick, out var owner) && ReferenceEquals(owner, session)))
            {
                return false;
            }
            _owners[nick] = session;
        }
        if (previous is not null && !IrcCaseMapping.Rfc1459.Equals(previous, nick))
        {
            _owners.TryRemove(new KeyValuePair<string, IrcSession>(previous, session));
        }
        return true;
    }

    public void Release(IrcSession session, string? nick)
    {
        if (nick is not null)
        {
            _owners.TryRemove(new KeyValuePair<string, IrcSession>(nick, session));
        }
    }
}
