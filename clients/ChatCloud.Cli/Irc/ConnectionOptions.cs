namespace ChatCloud.Cli.Irc;

// Where and how to connect, and who to be. The password lives only in memory (docs/cli.md).
internal sealed record ConnectionOptions
{
    public const int TlsPort = 6697;
    public const int PlainPort = 6667;

    public required string Host { get; init; }

    public required int Port { get; init; }

    public bool Tls { get; init; } = true;

    // Accept a certificate that does not validate (the self-signed development one); its SHA-256
    // fingerprint is reported through CertificateSeen so the user can compare it.
    public bool Insecure { get; init; }

    public required string Nick { get; init; }

    public string? Account { get; init; }

    public string? Password { get; init; }

    // A saved login (`chatcloud login`): SASL OAUTHBEARER with a token from here, asked for before
    // each connection and again before the token expires (SASL 3.2 re-authentication).
    public Login.IAccessTokenSource? Tokens { get; init; }

    // Create the account with REGISTER (draft/account-registration) instead of SASL PLAIN.
    public bool Register { get; init; }

    // A PING is sent after this long without a line from the server; lag is measured by its PONG.
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    // No line at all for this long, although a PING went out: the connection is taken as dead.
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    // The most lines one CHATHISTORY AFTER asks for after a reconnect (the edge's CHATHISTORY=100).
    public int ReplayLimit { get; init; } = 100;
}
