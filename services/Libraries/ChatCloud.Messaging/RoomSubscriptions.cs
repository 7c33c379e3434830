using ChatCloud.Contracts.Rooms;

namespace ChatCloud.Messaging;

/// <summary>
/// The rooms whose events this instance wants. Registered by an edge, it makes that edge's
/// broadcast consumers of room events (<see cref="IRoomScoped"/>) bind one key per room
/// (<see cref="EventRouting"/>) instead of every room's, so the broker sends an edge only the rooms
/// its users are in. Without it a broadcast consumer binds them all.
/// <para>
/// A room is added before its JOIN is asked of the authority, and the call returns once every such
/// consumer is bound, so none of the room's events from the JOIN on can be missed. Rooms are removed
/// lazily (<see cref="PruneAsync"/>), when the edge has had no member and no JOIN under way for a
/// while: events of a room just left are dropped by the edge anyway, a binding missing is a loss.
/// The decision to keep or drop a room is taken under one lock with <see cref="AddAsync"/>'s, and the
/// broker calls are made in the order of those decisions, so a JOIN racing a prune always ends bound.
/// </para>
/// </summary>
public sealed class RoomSubscriptions : IDisposable
{
    private static readonly TimeSpan BindTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _brokerCalls = new(1, 1);
    private readonly Dictionary<string, string> _rooms = new(StringComparer.Ordinal); // topic → a room with it
    private readonly List<IRoomBinder> _binders = [];

    /// <summary>The rooms subscribed to now.</summary>
    public IReadOnlyList<string> Rooms
    {
        get
        {
            lock (_lock)
            {
                return [.. _rooms.Values];
            }
        }
    }

    /// <summary>Binds <paramref name="room"/> on every room-event consumer, unless it is already.</summary>
    /// <remarks>
    /// A consumer that is down (the broker away) is not waited for: it binds every subscribed room
    /// when it comes back, and what the room said meanwhile its clients fetch from history.
    /// </remarks>
    public async Task AddAsync(string room, CancellationToken cancellationToken)
    {
        var topic = RoomTopics.Of(room);
        lock (_lock)
        {
            if (_rooms.ContainsKey(topic))
            {
                return;
            }
        }
        await _brokerCalls.WaitAsync(cancellationToken);
        try
        {
            IRoomBinder[] binders;
            lock (_lock)
            {
                if (!_rooms.TryAdd(topic, room))
                {
                    return; // added while this call waited
                }
                binders = [.. _binders];
            }
            foreach (var binder in binders)
            {
                await TryAsync(binder.BindAsync, topic, cancellationToken);
            }
        }
        finally
        {
            _brokerCalls.Release();
        }
    }

    /// <summary>Unbinds the rooms <paramref name="unused"/> is true of; returns how many.</summary>
    /// <param name="unused">Asked under the lock <see cref="AddAsync"/> checks under: a room whose JOIN is under way must answer false.</param>
    public async Task<int> PruneAsync(Func<string, bool> unused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unused);
        await _brokerCalls.WaitAsync(cancellationToken);
        try
        {
            List<string> gone;
            IRoomBinder[] binders;
            lock (_lock)
            {
                gone = [.. _rooms.Where(pair => unused(pair.Value)).Select(pair => pair.Key)];
                foreach (var topic in gone)
                {
                    _rooms.Remove(topic);
                }
                binders = [.. _binders];
            }
            foreach (var topic in gone)
            {
                foreach (var binder in binders)
                {
                    await TryAsync(binder.UnbindAsync, topic, cancellationToken);
                }
            }
            return gone.Count;
        }
        finally
        {
            _brokerCalls.Release();
        }
    }

    /// <summary>A consumer's channel is up: binds every subscribed room on it, then keeps it told of changes.</summary>
    internal async Task AttachAsync(IRoomBinder binder, CancellationToken cancellationToken)
    {
        await _brokerCalls.WaitAsync(cancellationToken);
        try
        {
            string[] topics;
            lock (_lock)
            {
                topics = [.. _rooms.Keys];
            }
            foreach (var topic in topics)
            {
                await binder.BindAsync(topic, cancellationToken); // a failure ends the consumer, which starts again
            }
            lock (_lock)
            {
                _binders.Add(binder);
            }
        }
        finally
        {
            _brokerCalls.Release();
        }
    }

    internal void Detach(IRoomBinder binder)
    {
        lock (_lock)
        {
            _binders.Remove(binder);
        }
    }

    public void Dispose() => _brokerCalls.Dispose();

    private static async Task TryAsync(Func<string, CancellationToken, Task> call, string topic, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BindTimeout);
        try
        {
            await call(topic, timeout.Token);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The consumer's channel is failing: it binds every room again when it starts over.
        }
    }
}

/// <summary>A consumer's queue, bound and unbound by room topic.</summary>
internal interface IRoomBinder
{
    Task BindAsync(string topic, CancellationToken cancellationToken);

    Task UnbindAsync(string topic, CancellationToken cancellationToken);
}
