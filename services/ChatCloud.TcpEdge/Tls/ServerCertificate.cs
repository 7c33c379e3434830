using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Tls;

/// <summary>
/// The certificate for the TLS listener: the configured file, or in development a self-signed one
/// created once and kept, so clients that pinned its fingerprint keep trusting it.
/// </summary>
public static partial class ServerCertificate
{
    public static X509Certificate2 Load(TlsOptions options, string serverName, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            throw new InvalidOperationException("Irc:Tls:CertificatePath is required when the TLS listener is on (set Irc:TlsPort to 0 to switch it off).");
        }
        if (!File.Exists(options.CertificatePath))
        {
            if (!options.GenerateSelfSigned)
            {
                throw new InvalidOperationException($"The IRC TLS certificate {options.CertificatePath} does not exist.");
            }
            CreateSelfSigned(options, serverName);
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        // Clients pin this on first use; ./run.sh users compare it with what their client shows.
        var fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        LogCertificate(logger, certificate.Subject, fingerprint, certificate.NotAfter);
        return certificate;
    }

    private static void CreateSelfSigned(TlsOptions options, string serverName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={serverName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.CertificatePath))!);
        var temporary = options.CertificatePath + ".tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pkcs12, options.CertificatePassword));
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, options.CertificatePath, overwrite: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IRC TLS certificate {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:u}")]
    private static partial void LogCertificate(ILogger logger, string subject, string fingerprint, DateTime notAfter);
}
