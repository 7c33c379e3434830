using System.Collections.Concurrent;
using ChatCloud.Contracts.Rooms;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// Quits the room authority did not take when the connection closed (it was restarting): tried
/// again every few seconds until it answers, so the user does not stay in its rooms' member lists.
/// Bounded: beyond <see cref="MaxQueued"/> the oldest is dropped, its member left for the next
/// connection under that nick to adopt or for this edge's stop to sweep. A quit is idempotent at
/// the authority (a member already gone, or adopted by a newer connection, changes nothing).
/// </summary>
public sealed class QuitRetries(IRoomAuthority authority, TimeProvider time)
{
    public const int MaxQueued = 10_000;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<QuitRequest> _queue = new();

    public int Count => _queue.Count;

    public void Add(QuitRequest request)
    {
        _queue.Enqueue(request);
        while (_queue.Count > MaxQueued && _queue.TryDequeue(out _))
        {
        }
    }

    /// <summary>Retries until cancelled; a round stops at the first quit the authority still does not take.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await RetryAsync(cancellationToken);
        }
    }

    public async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (_queue.TryPeek(out var request))
        {
            var answer = await authority.QuitAsync(request, cancellationToken);
            if (answer.Outcome == RoomOutcome.Unavailable)
            {
                return;
            }
            _queue.TryDequeue(out _);
        }
    }
}
