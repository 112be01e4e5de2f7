namespace EdgeGateway.Console;

/// <summary>Section <c>Console:Tls</c>: HTTPS with the gateway's certificate (PKCS#12), like <c>Broker:Tls</c>.</summary>
public sealed class ConsoleTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>Path to a .pfx/.p12 holding the certificate and its private key.</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";
}
