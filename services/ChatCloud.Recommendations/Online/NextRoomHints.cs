using ChatCloud.Contracts.Recommendations;
using ChatCloud.Messaging;
using StackExchange.Redis;

namespace ChatCloud.Recommendations.Online;

/// <summary>
/// Tells the history service which rooms to warm for an account (<see cref="PrefetchHinted"/>), at
/// sign-in and each time it opens a room. Best-effort like all user activity: a lost hint costs one
/// cold read. The same hint is not repeated within <see cref="Quiet"/>, so a client marking a room
/// read at every message does not make history re-read the same pages.
/// </summary>
public sealed class NextRoomHints(OnlineActivity online, IConnectionMultiplexer redis, BestEffortPublisher publisher, TimeProvider time)
{
    public const int Rooms = 3;
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<NextRoom>> PredictAsync(string account, int count, bool atSignIn = false)
    {
        var user = await online.ReadAsync(account);
        return NextRoomPredictor.Predict(user.Opens, user.Rooms, count, atSignIn);
    }

    public async Task HintAsync(Guid accountId, string account, CancellationToken cancellationToken, bool atSignIn = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rooms = (await PredictAsync(account, Rooms, atSignIn)).Select(r => r.Room).ToList();
        if (rooms.Count == 0)
        {
            return;
        }
        var fingerprint = string.Join(' ', rooms);
        var last = await redis.GetDatabase().StringSetAndGetAsync($"rec:u:{account}:hinted", fingerprint, Quiet);
        if (last == fingerprint)
        {
            return;
        }
        publisher.Publish(new PrefetchHinted(accountId, rooms) { OccurredAt = time.GetUtcNow() });
    }
}
