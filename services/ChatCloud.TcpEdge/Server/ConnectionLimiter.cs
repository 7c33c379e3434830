using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace ChatCloud.TcpEdge.Server;

/// <summary>Counts connections per remote address; one address may hold at most <c>Irc:MaxConnectionsPerAddress</c>.</summary>
public sealed class ConnectionLimiter(IOptions<IrcServerOptions> options)
{
    private readonly ConcurrentDictionary<IPAddress, int> _counts = new();

    public Admission Admit(IPAddress? address)
    {
        if (address is null)
        {
            return new Admission(this, null, admitted: true);
        }
        var count = _counts.AddOrUpdate(address, 1, (_, current) => current + 1);
        return new Admission(this, address, admitted: count <= options.Value.MaxConnectionsPerAddress);
    }

    private void Release(IPAddress address)
    {
        // Decrement, and drop the entry at zero so addresses seen once do not accumulate.
        while (true)
        {
            var current = _counts[address];
            if (current == 1 ? _counts.TryRemove(new KeyValuePair<IPAddress, int>(address, 1)) : _counts.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }

    /// <summary>Holds a connection's place until disposed, admitted or not.</summary>
    public readonly struct Admission(ConnectionLimiter limiter, IPAddress? address, bool admitted) : IDisposable
    {
        public bool Admitted { get; } = admitted;

        public void Dispose()
        {
            if (address is not null)
            {
                limiter.Release(address);
            }
        }
    }
}
