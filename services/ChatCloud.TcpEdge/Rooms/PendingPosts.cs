using System.Collections.Concurrent;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// Posts sent from this edge, by post id, until their MessageStored comes back: that is how the
/// edge knows which local session wrote a stored message.
/// </summary>
public sealed class PendingPosts
{
    private readonly ConcurrentDictionary<Guid, IrcSession> _posts = new();

    public void Add(Guid postId, IrcSession author) => _posts[postId] = author;

    public IrcSession? Complete(Guid postId) => _posts.TryRemove(postId, out var author) ? author : null;

    public void Forget(Guid postId) => _posts.TryRemove(postId, out _);

    /// <summary>
    /// A closed connection needs no exclusion any more: its posts are forgotten, so one that never
    /// comes back stored (dead-lettered) does not keep the session alive in memory.
    /// </summary>
    public void Forget(IrcSession author)
    {
        foreach (var (postId, session) in _posts)
        {
            if (ReferenceEquals(session, author))
            {
                _posts.TryRemove(new KeyValuePair<Guid, IrcSession>(postId, session));
            }
        }
    }

    public int Count => _posts.Count;
}
