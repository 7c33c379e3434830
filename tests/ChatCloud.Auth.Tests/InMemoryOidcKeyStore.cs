using ChatCloud.Auth.OpenId;

namespace ChatCloud.Auth.Tests;

/// <summary>The key table as a list, shared by the replicas of a test; the lock stands for the advisory lock of PostgresOidcKeyStore.</summary>
internal sealed class InMemoryOidcKeyStore : IOidcKeyStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredKey> _keys = [];

    public int Reads { get; private set; }

    public IReadOnlyList<StoredKey> ReadAndAdd(Func<IReadOnlyList<StoredKey>, IReadOnlyList<StoredKey>> toAdd)
    {
        lock (_gate)
        {
            Reads++;
            _keys.AddRange(toAdd(_keys.ToList()));
            return _keys.ToList();
        }
    }
}
