using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Irc;

// One TCP connection (TLS by default): lines in through a PipeReader and the shared framing and
// parser, lines out through the shared writer. Sends are serialised so lines never interleave.
internal sealed class IrcConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private IrcConnection(TcpClient tcp, Stream stream, string? certificateFingerprint)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        CertificateFingerprint = certificateFingerprint;
    }

    // SHA-256 of the server's certificate, colon-separated hex; null without TLS.
    public string? CertificateFingerprint { get; }

    public bool IsTls => _stream is SslStream;

    public static async Task<IrcConnection> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, timeout.Token);
            Stream stream = tcp.GetStream();
            string? fingerprint = null;
            if (options.Tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = options.Host,
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                            errors == SslPolicyErrors.None || (options.Insecure && certificate is not null),
                    },
                    timeout.Token);
                fingerprint = ssl.RemoteCertificate is { } certificate ? Fingerprint(certificate) : null;
                stream = ssl;
            }

            return new IrcConnection(tcp, stream, fingerprint);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));

    // The next message, or null when the server closed the connection. Lines that do not parse are
    // skipped: one bad line from a server must not end the session.
    public async ValueTask<IrcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            // Returning with a line leaves the rest unexamined, so the next read hands it back at
            // once; only when no whole line is left is everything marked examined, to wait for more.
            bool returning = false;
            try
            {
                while (IrcFraming.TryReadLine(ref buffer, out var line))
                {
                    if (IrcParser.TryParse(line, out var message) == IrcParseError.None)
                    {
                        returning = true;
                        return message;
                    }
                }

                if (IrcFraming.IsUnterminatedLineTooLong(buffer))
                {
                    throw new InvalidDataException("The server sent a line longer than IRC allows.");
                }

                if (result.IsCompleted)
                {
                    return null;
                }
            }
            finally
            {
                if (returning)
                {
                    _reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    public async Task SendAsync(IrcMessage message, CancellationToken cancellationToken)
    {
        var error = IrcWriter.TryGetBytes(message, out byte[] bytes, IrcLimits.MaxClientTagSectionBytes);
        if (error != IrcWriteError.None)
        {
            throw new ArgumentException($"The {message.Command} line cannot be sent: {error}.", nameof(message));
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // Drops the socket at once, without QUIT: what a dead network looks like (tests use it too).
    public void Abort()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
        _tcp.Dispose();
        _sendLock.Dispose();
    }
}
