using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// Sends from tabs that are not stored yet: when the stored message comes back through the fan-out,
/// the tab that sent it gets it with its own <c>localId</c>, so the app turns "pending" into
/// "stored". Bounded: past <see cref="RealtimeOptions.MaxPendingPosts"/> a send is refused (and
/// entries older than a few minutes, whose post will never come back, are dropped).
/// </summary>
internal sealed class PendingWebPosts(TimeProvider time, IOptions<RealtimeOptions> options)
{
    private static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, (WebConnection Connection, string LocalId, DateTimeOffset At)> _posts = new();

    public bool TryAdd(Guid postId, WebConnection connection, string localId)
    {
        if (_posts.Count >= options.Value.MaxPendingPosts)
        {
            var stale = time.GetUtcNow() - Forgotten;
            foreach (var (id, post) in _posts)
            {
                if (post.At < stale)
                {
                    _posts.TryRemove(id, out _);
                }
            }
            if (_posts.Count >= options.Value.MaxPendingPosts)
            {
                return false;
            }
        }
        return _posts.TryAdd(postId, (connection, localId, time.GetUtcNow()));
    }

    public (WebConnection Connection, string LocalId)? Complete(Guid postId) =>
        _posts.TryRemove(postId, out var post) ? (post.Connection, post.LocalId) : null;

    public void Forget(Guid postId) => _posts.TryRemove(postId, out _);
}
