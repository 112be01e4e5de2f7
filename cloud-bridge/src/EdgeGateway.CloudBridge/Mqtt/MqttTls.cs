using System.Security.Cryptography.X509Certificates;
using EdgeGateway.CloudBridge.IoTHub;
using MQTTnet;

namespace EdgeGateway.CloudBridge.Mqtt;

/// <summary>TLS for the generic MQTT uplink: a configurable CA, and an optional X.509 client certificate (PEM cert + key).</summary>
internal static class MqttTls
{
    public static Action<MqttClientTlsOptionsBuilder> Configure(MqttUplinkOptions options)
    {
        var ca = options.CaCertificatePath is null ? null : TrustedCa.Load(options.CaCertificatePath);
        X509Certificate2? client = null;
        if (options.ClientCertificatePath is not null && options.ClientKeyPath is not null)
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.ClientCertificatePath, options.ClientKeyPath);
            // An ephemeral PEM key cannot be used by SslStream on every platform; round-trip through PKCS#12.
            client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return tls =>
        {
            tls.UseTls(true).WithTargetHost(options.TlsServerName ?? options.Host);
            if (ca is not null) tls.WithCertificateValidationHandler(e => TrustedCa.Validate(e.Certificate, e.SslPolicyErrors, ca));
            if (client is not null) tls.WithClientCertificates([client]);
        };
    }
}
