namespace EdgeGateway.Broker;

/// <summary>Section <c>Broker:Tls</c>: an optional TLS listener with the gateway's certificate (PKCS#12).</summary>
public sealed class BrokerTlsOptions
{
    /// <summary>Also listen with TLS, with the gateway's certificate.</summary>
    public bool Enabled { get; set; }

    /// <summary>The TLS listener's TCP port (0 picks a free one).</summary>
    public int Port { get; set; } = 8883;

    /// <summary>Path to a .pfx/.p12 holding the certificate and its private key.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PKCS#12 file's password, if any. Never logged.</summary>
    public string CertificatePassword { get; set; } = "";

    public IEnumerable<string> Validate()
    {
        if (!Enabled) yield break;
        if (Port is < 0 or > 65535) yield return $"Broker:Tls:Port {Port} is not a TCP port (0 picks a free one)";
        if (string.IsNullOrWhiteSpace(CertificatePath)) yield return "Broker:Tls:CertificatePath is required when Broker:Tls:Enabled=true";
        else if (!File.Exists(CertificatePath)) yield return $"Broker:Tls:CertificatePath '{CertificatePath}' does not exist";
    }
}
