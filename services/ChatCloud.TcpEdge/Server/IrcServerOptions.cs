using System.ComponentModel.DataAnnotations;

namespace ChatCloud.TcpEdge.Server;

/// <summary>Section <c>Irc</c>: listeners, identity and per-connection limits of the edge.</summary>
public sealed class IrcServerOptions
{
    public const string SectionName = "Irc";

    /// <summary>Address the IRC listeners bind; 0.0.0.0 or :: accepts clients from the network.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Plain-text port; 0 switches plain IRC off.</summary>
    [Range(0, 65535)]
    public int PlainPort { get; set; } = 6667;

    /// <summary>TLS port; 0 switches TLS off.</summary>
    [Range(0, 65535)]
    public int TlsPort { get; set; } = 6697;

    [Required]
    public string ServerName { get; set; } = "chatcloud.local";

    [Required]
    public string NetworkName { get; set; } = "ChatCloud";

    public TlsOptions Tls { get; set; } = new();

    /// <summary>What others see as a user's host: a cloak, not the address (<see cref="HostCloaks"/>).</summary>
    public CloakOptions Cloaks { get; set; } = new();

    /// <summary>A connection that has not finished NICK/USER/CAP END by then is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan RegistrationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Silence after which the server sends PING; the same again without an answer closes the connection.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Lines a client may have waiting to be sent; a client that stops reading is disconnected when full.</summary>
    [Range(16, 1_000_000)]
    public int SendQueueLength { get; set; } = 4096;

    public IReadOnlyList<string> Motd { get; set; } = ["Welcome to ChatCloud."];

    public Connections.FloodOptions Flood { get; set; } = new();

    /// <summary>
    /// A connection must be logged in to an account (SASL, PASS or REGISTER) before registration
    /// completes; one that is not gets <c>FAIL * ACCOUNT_REQUIRED</c> and is closed. Off: guests chat under a nick.
    /// </summary>
    public bool RequireAccount { get; set; } = true;

    /// <summary>How long a sign-in or sign-up may wait for the auth service before the client is told to try again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AccountServiceTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a nick claim in the directory (Redis) may take before NICK is refused for now.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan DirectoryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rooms one connection may be in at once (<c>CHANLIMIT</c>; 405 beyond it).</summary>
    [Range(1, 1000)]
    public int MaxRoomsPerUser { get; set; } = 100;

    /// <summary>
    /// How long a room command (JOIN, MODE, KICK…) may wait for the room authority before the client
    /// is told to try again. Generous: when a restarted edge's users all come back at once, their
    /// JOINs queue at the authority for seconds, and a late JOIN beats one the user must repeat.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RoomAuthorityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Password checks (SASL, PASS, REGISTER) one connection may ask of the auth service; guessing costs a reconnect.</summary>
    [Range(1, 100)]
    public int MaxAuthenticationAttempts { get; set; } = 5;

    /// <summary>Nicks one connection may MONITOR (<c>MONITOR=</c> in ISUPPORT); more are refused with 734.</summary>
    [Range(1, 10_000)]
    public int MonitorLimit { get; set; } = 100;

    /// <summary>Connections one address may hold; a school or office behind one NAT address needs a generous value.</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerAddress { get; set; } = 200;
}

public sealed class TlsOptions
{
    /// <summary>A PKCS#12 file with the certificate and its key.</summary>
    public string CertificatePath { get; set; } = "";

    public string? CertificatePassword { get; set; }

    /// <summary>Create a self-signed certificate at <see cref="CertificatePath"/> when none exists (development).</summary>
    public bool GenerateSelfSigned { get; set; }
}
