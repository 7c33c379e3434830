using System.Net;
using System.Net.Sockets;

namespace ChatCloud.Testing;

/// <summary>
/// Ports free now, so a booted test suite never collides with a running ./run.sh or another test
/// run. Two other port users must be kept clear of:
/// <list type="bullet">
/// <item>the kernel's ephemeral range: the suite's own outgoing connections (services to PostgreSQL,
/// Redis, RabbitMQ) draw from it, so one could take such a port between this check and the server
/// binding it (seen: the gateway failing with "address already in use");</item>
/// <item>Aspire's orchestrator (DCP), which gives the services' endpoints a run of consecutive ports
/// below the ephemeral range (seen: 23929–23936). A port taken from there for RabbitMQ's epmd was
/// given to the recommendations service too, and the whole integration suite failed to boot.</item>
/// </list>
/// So the ports come from above the ephemeral range (61000–65535 with Linux's default range), which
/// neither uses; only where that space is too small do they fall back to below it.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;
    private const int Highest = 65_535;
    private const int EnoughPorts = 1_000;

    public static int[] Take(int count)
    {
        var (from, below) = Range();
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var attempt = 0; listeners.Count < count && attempt < 10_000; attempt++)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(from, below));
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
                throw new InvalidOperationException($"Found only {listeners.Count} of {count} free ports between {from} and {below}.");
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

    /// <summary>Where to take ports from: [from, below).</summary>
    internal static (int From, int Below) Range()
    {
        var (start, end) = EphemeralRange();
        return Highest - end >= EnoughPorts ? (end + 1, Highest + 1) : (Lowest, Math.Max(start, Lowest + EnoughPorts));
    }

    /// <summary><c>net.ipv4.ip_local_port_range</c> (Linux's default, 32768–60999, when it cannot be read).</summary>
    private static (int Start, int End) EphemeralRange()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (range.Length == 2 && int.TryParse(range[0], out var start) && int.TryParse(range[1], out var end) && start <= end)
            {
                return (start, end);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not readable: assume the default.
        }
        return (32_768, 60_999);
    }
}
