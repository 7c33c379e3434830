using System.Security.Cryptography;
using System.Text;

namespace ChatCloud.Messaging;

/// <summary>
/// This running instance of a service on the bus. It names the instance's broadcast queues, so log
/// it at start to tie a queue seen in the broker to its process. One per host, which for a service
/// is one per process; a restart is a new instance.
/// </summary>
public sealed class MessagingInstance
{
    // A pod or container name fits; a long one would only crowd the queue names.
    private const int MaxMachineNameLength = 24;

    private MessagingInstance(string id) => Id = id;

    /// <summary>
    /// The machine name when it is short (in a container, the container's id), then 8 random hex
    /// digits, e.g. <c>3f2a9c1b7d4e-5be01f9a</c>; only <c>a-z</c>, <c>0-9</c> and <c>-</c>.
    /// </summary>
    public string Id { get; }

    public override string ToString() => Id;

    internal static MessagingInstance Create() => Create(Environment.MachineName);

    internal static MessagingInstance Create(string machineName)
    {
        // The random part keeps two processes on one machine, or a quick restart, apart.
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var machine = Sanitize(machineName);
        return new(machine.Length is > 0 and <= MaxMachineNameLength ? $"{machine}-{random}" : random);
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? c : '-');
        }
        return builder.ToString().Trim('-');
    }
}
