using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Server;

namespace EdgeGateway.Broker;

/// <summary>Adds the optional TLS listener (Broker:Tls) with the gateway's PKCS#12 certificate.</summary>
internal static class BrokerTls
{
    /// <returns>The TLS port bound, or 0 when TLS is off.</returns>
    public static int Configure(MqttServerOptionsBuilder builder, BrokerOptions options, Func<int> freePort)
    {
        if (!options.Tls.Enabled) return 0;
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Tls.CertificatePath,
            string.IsNullOrEmpty(options.Tls.CertificatePassword) ? null : options.Tls.CertificatePassword);
        var port = options.Tls.Port == 0 ? freePort() : options.Tls.Port;
        builder.WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(options.Host))
            .WithEncryptedEndpointPort(port)
            .WithEncryptionCertificate(certificate)
            .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
        return port;
    }
}
