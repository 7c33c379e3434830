using System.Net;
using System.Net.Sockets;

namespace ChatCloud.Testing;

/// <summary>
/// Ports free now, so a booted test suite never collides with a running ./run.sh or another test
/// run. They are taken below the kernel's ephemeral range: a port the OS hands out for port 0 is
/// in that range, and the suite's own outgoing connections (services to PostgreSQL, Redis,
/// RabbitMQ) draw from it too, so one of them could take such a port between this check and the
/// server binding it (seen: the gateway failing with "address already in use").
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;

    public static int[] Take(int count)
    {
        var below = EphemeralRangeStart();
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var attempt = 0; listeners.Count < count && attempt < 10_000; attempt++)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(Lowest, below));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    // Taken: try another.
                }
            }
            if (listeners.Count < count)
            {
                throw new InvalidOperationException($"Found only {listeners.Count} of {count} free ports between {Lowest} and {below}.");
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>The first port of <c>net.ipv4.ip_local_port_range</c> (32768 when it cannot be read).</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], out var start) && start > Lowest + 1_000 ? start : 32_768;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 32_768;
        }
    }
}
