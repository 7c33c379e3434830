using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ChatCloud.Testing;

/// <summary>A plain IRC client over a real socket (optionally TLS), reading line by line with deadlines.</summary>
public sealed class IrcTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly StreamReader _reader;

    private IrcTestClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>Connects; with <paramref name="pinnedCertificateHash"/>, over TLS, trusting exactly that certificate (SHA-256).</summary>
    public static async Task<IrcTestClient> ConnectAsync(int port, string? pinnedCertificateHash = null, CancellationToken cancellationToken = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port, cancellationToken).AsTask().WaitAsync(Deadlines.Request, cancellationToken);
        Stream stream = tcp.GetStream();
        if (pinnedCertificateHash is not null)
        {
            // The development certificate is self-signed: trust it by its fingerprint, as a client that pinned it does.
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), pinnedCertificateHash, StringComparison.OrdinalIgnoreCase));
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken)
                .WaitAsync(Deadlines.Request, cancellationToken);
            stream = ssl;
        }
        return new IrcTestClient(tcp, stream);
    }

    public SslStream? Tls => _stream as SslStream;

    public Task SendAsync(string line, CancellationToken cancellationToken = default) =>
        SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);

    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(bytes, cancellationToken).AsTask().WaitAsync(Deadlines.Request, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>The next line, or null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken = default) =>
        await _reader.ReadLineAsync(cancellationToken).AsTask().WaitAsync(Deadlines.Request, cancellationToken);

    /// <summary>Reads until a line satisfies <paramref name="match"/>; fails with everything read if the server closes first.</summary>
    public async Task<string> ExpectAsync(Func<string, bool> match, CancellationToken cancellationToken = default)
    {
        var seen = new StringBuilder();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The server closed the connection. Lines read:{Environment.NewLine}{seen}");
            if (match(line))
            {
                return line;
            }
            seen.AppendLine(line);
        }
    }

    /// <summary>The numeric or command word of a server line (":server 001 nick …" gives "001").</summary>
    public static string Verb(string line)
    {
        var parts = line.Split(' ', 3);
        return line.StartsWith(':') ? parts[1] : parts[0];
    }

    /// <summary>The <c>msgid</c> tag of a server line (IRCv3 message-ids), or "" when it has none.</summary>
    public static string MsgidOf(string line)
    {
        if (!line.StartsWith('@'))
        {
            return "";
        }
        var tags = line[1..line.IndexOf(' ', StringComparison.Ordinal)].Split(';');
        return tags.FirstOrDefault(tag => tag.StartsWith("msgid=", StringComparison.Ordinal))?["msgid=".Length..] ?? "";
    }

    /// <summary>The password <see cref="RegisterAsync"/> gives the account it creates for <paramref name="nick"/>.</summary>
    public static string TestPassword(string nick) => $"test-password-of-{nick}";

    /// <summary>
    /// Registers as <paramref name="nick"/>, logged in to the account of that name, as the edge
    /// requires by default: creates the account with REGISTER (which logs in), or, when it exists
    /// already (an earlier test, an earlier boot), logs in with SASL PLAIN using
    /// <see cref="TestPassword"/>. Works after the caller negotiated capabilities of its own, with or
    /// without CAP END: it requests sasl, which holds registration, and ends with CAP END. Waits for RPL_WELCOME.
    /// </summary>
    public async Task RegisterAsync(string nick, CancellationToken cancellationToken = default)
    {
        var password = TestPassword(nick);
        await SendAsync("CAP REQ :sasl", cancellationToken);
        await SendAsync($"NICK {nick}", cancellationToken);
        await SendAsync($"USER {nick} 0 * :{nick} the tester", cancellationToken);
        await ExpectAsync(line => Verb(line) == "CAP" && line.Contains(" ACK ", StringComparison.Ordinal) && line.Contains("sasl", StringComparison.Ordinal), cancellationToken);
        await SendAsync($"REGISTER {nick} * {password}", cancellationToken);
        var registered = await ExpectAsync(line => line.Contains(" REGISTER ", StringComparison.Ordinal), cancellationToken);
        if (registered.Contains(" FAIL REGISTER ACCOUNT_EXISTS ", StringComparison.Ordinal))
        {
            await LogInAsync(nick, password, cancellationToken);
        }
        else if (!registered.Contains(" REGISTER SUCCESS ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Could not create the account {nick}: {registered}");
        }
        await SendAsync("CAP END", cancellationToken);
        await ExpectAsync(line => Verb(line) == "001", cancellationToken);
    }

    /// <summary>SASL PLAIN (the sasl capability must be enabled); waits for 903 and fails on any other SASL numeric.</summary>
    public async Task LogInAsync(string account, string password, CancellationToken cancellationToken = default)
    {
        await SendAsync("AUTHENTICATE PLAIN", cancellationToken);
        await ExpectAsync(line => Verb(line) == "AUTHENTICATE", cancellationToken);
        await SendAsync("AUTHENTICATE " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{account}\0{password}")), cancellationToken);
        var outcome = await ExpectAsync(line => Verb(line) is "903" or "902" or "904" or "905" or "906" or "907", cancellationToken);
        if (Verb(outcome) != "903")
        {
            throw new InvalidOperationException($"SASL PLAIN as {account} failed: {outcome}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
