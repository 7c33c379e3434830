using System.Collections.Concurrent;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// Posts sent from this edge, by post id, until their MessageStored comes back: that is how the
/// edge knows which local session wrote a stored message.
/// </summary>
public sealed class PendingPosts
{
    // The label of a labeled command whose answer is the echo-message copy (IRCv3 labeled-response).
    private readonly record struct Pending(IrcSession Author, string? Label);

    private readonly ConcurrentDictionary<Guid, Pending> _posts = new();

    public void Add(Guid postId, IrcSession author, string? label = null) => _posts[postId] = new(author, label);

    public IrcSession? Complete(Guid postId) => Complete(postId, out _);

    /// <summary>The author, and the label its copy of the stored message is to carry, if any.</summary>
    public IrcSession? Complete(Guid postId, out string? label)
    {
        var found = _posts.TryRemove(postId, out var pending);
        label = pending.Label;
        return found ? pending.Author : null;
    }

    public void Forget(Guid postId) => _posts.TryRemove(postId, out _);

    /// <summary>
    /// A closed connection needs no exclusion any more: its posts are forgotten, so one that never
    /// comes back stored (dead-lettered) does not keep the session alive in memory.
    /// </summary>
    public void Forget(IrcSession author)
    {
        foreach (var (postId, pending) in _posts)
        {
            if (ReferenceEquals(pending.Author, author))
            {
                _posts.TryRemove(new KeyValuePair<Guid, Pending>(postId, pending));
            }
        }
    }

    public int Count => _posts.Count;
}
