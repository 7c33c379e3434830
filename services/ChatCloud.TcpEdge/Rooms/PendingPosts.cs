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
}
