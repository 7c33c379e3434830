using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ChatCloud.TcpEdge.Server;

/// <summary>
/// The host part of a user's mask (<c>nick!user@host</c>) that other people see. A client's address
/// is personal data, and on IRC every room-mate, every WHOIS and every stored message would carry
/// it; so, as networks such as Libera and Ergo do, the edge shows a cloak instead:
/// <list type="bullet">
/// <item>a connection logged in to an account: <c>user/&lt;account&gt;</c>, the same on every
/// connection and edge, so bans (<c>+b *!*@user/alice</c>) follow the account, not the address;</item>
/// <item>a guest: a keyed hash of the address (HMAC-SHA256 under <c>Irc:Cloaks:Key</c>, shared by
/// every replica), <c>&lt;16 letters and digits&gt;.ip.&lt;suffix&gt;</c>: the same address gets the
/// same cloak, so a ban on a guest holds when it reconnects, and the address cannot be read back.</item>
/// </list>
/// The real address stays with the edge: rate limits and the connection limit use it, and the user
/// sees it in their own WHOIS (378). <c>Irc:Cloaks:Enabled=false</c> shows addresses as they are.
/// </summary>
public sealed class HostCloaks
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int HashLength = 16;

    private readonly CloakOptions _options;
    private readonly byte[] _key;

    public HostCloaks(CloakOptions options)
    {
        _options = options;
        // Without a configured key (a lone edge in development) each process draws its own: cloaks
        // then differ between restarts and replicas, which only weakens bans on guests.
        _key = string.IsNullOrEmpty(options.Key) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(options.Key);
    }

    /// <summary>The host a guest from <paramref name="address"/> is shown with.</summary>
    public string ForAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (!_options.Enabled)
        {
            return address.ToString();
        }
        var hash = HMACSHA256.HashData(_key, address.GetAddressBytes());
        var cloak = new StringBuilder(HashLength + 4 + _options.Suffix.Length);
        // 5 bits a letter: 16 letters are 80 bits of the hash.
        for (var i = 0; i < HashLength; i++)
        {
            var bit = i * 5;
            var value = ((hash[bit / 8] << 8) | hash[bit / 8 + 1]) >> (11 - bit % 8) & 31;
            cloak.Append(Alphabet[value]);
        }
        return cloak.Append(".ip.").Append(_options.Suffix).ToString();
    }

    /// <summary>The host of a connection logged in to <paramref name="account"/>; null keeps the address's.</summary>
    public string? ForAccount(string account) => _options.Enabled ? "user/" + account : null;
}

/// <summary>Section <c>Irc:Cloaks</c>.</summary>
public sealed class CloakOptions
{
    /// <summary>Show cloaks instead of addresses (the default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The secret the guests' cloaks are keyed with; the same on every edge replica (the AppHost generates it).</summary>
    public string? Key { get; set; }

    /// <summary>The last labels of a guest's cloak.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")]
    public string Suffix { get; set; } = "chatcloud";
}
