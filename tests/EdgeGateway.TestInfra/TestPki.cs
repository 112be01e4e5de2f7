using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.TestInfra;

/// <summary>
/// A throwaway PKI written as PEM files (for Mosquitto and other real TLS servers): a CA, a server certificate for
/// 127.0.0.1/localhost, and client certificates, each with its PKCS#8 key.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly TempDir _dir = new("pki");
    private readonly X509Certificate2 _ca;
    private readonly ECDsa _caKey;

    public TestPki()
    {
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=edge gateway test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaPath = Path.Combine(_dir.Path, "ca.pem");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    public string CaPath { get; }

    /// <summary>A server certificate for 127.0.0.1 and localhost: (cert PEM path, key PEM path).</summary>
    public (string Cert, string Key) IssueServer(string name = "server") => Issue(name, "1.3.6.1.5.5.7.3.1", san =>
    {
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
    });

    /// <summary>A client certificate with CN = <paramref name="commonName"/>: (cert PEM path, key PEM path).</summary>
    public (string Cert, string Key) IssueClient(string commonName) => Issue(commonName, "1.3.6.1.5.5.7.3.2", null);

    private (string, string) Issue(string cn, string eku, Action<SubjectAlternativeNameBuilder>? sans)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], false));
        if (sans is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            sans(san);
            request.CertificateExtensions.Add(san.Build());
        }
        using var cert = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        var certPath = Path.Combine(_dir.Path, cn + ".crt.pem");
        var keyPath = Path.Combine(_dir.Path, cn + ".key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        _dir.Dispose();
    }
}
