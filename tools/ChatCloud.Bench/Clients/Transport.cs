using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChatCloud.Bench.Clients;

// Opens one client's byte stream: a TCP connection, wrapped in TLS with --tls.
public sealed class Transport(IPEndPoint endpoint, bool tls, string tlsHost)
{
    private string? _fingerprint;

    // SHA-256 of the server certificate, from the first TLS handshake; printed with the results so a
    // reader can check which certificate the figures were measured against.
    public string? CertificateFingerprint => Volatile.Read(ref _fingerprint);

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            // Each flush is a batch of whole lines; Nagle would hold the next one back for an ACK and
            // add the client's delay to the latency being measured.
            NoDelay = true,
        };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            var network = new NetworkStream(socket, ownsSocket: true);
            return tls ? await WrapAsync(network, cancellationToken) : network;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<Stream> WrapAsync(NetworkStream network, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = tlsHost,
                    // BENCH ONLY: the reference servers and a development ChatCloud use self-signed
                    // certificates, so every certificate is accepted. Nothing secret crosses these
                    // connections, and the fingerprint is recorded so the run names what it measured.
                    // Never copy this callback into a real client.
                    RemoteCertificateValidationCallback = RecordAndAccept,
                },
                cancellationToken);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private bool RecordAndAccept(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not null && CertificateFingerprint is null)
        {
            string hash = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
            Interlocked.CompareExchange(ref _fingerprint, string.Join(':', hash.Chunk(2).Select(c => new string(c))), null);
        }

        return true;
    }
}
