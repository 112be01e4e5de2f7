using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>Issue 6: the optional TLS listener serves the gateway's certificate and still authenticates devices.</summary>
public sealed class TlsListenerTests : IDisposable
{
    private readonly TempDir _dir = new("tls");

    public void Dispose() => _dir.Dispose();

    private string WriteCertificate(out string thumbprint)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=edgegw-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        thumbprint = cert.Thumbprint;
        var path = _dir.File("gateway.pfx");
        File.WriteAllBytes(path, cert.Export(X509ContentType.Pfx, "pfx-pass"));
        return path;
    }

    [Fact]
    public async Task A_device_connects_over_tls_with_its_secret_and_sees_the_gateway_certificate()
    {
        var path = WriteCertificate(out var thumbprint);
        await using var gw = await InProcessGateway.StartWithAuthAsync("--Broker:Tls:Enabled=true", "--Broker:Tls:Port=0",
            "--Broker:Tls:CertificatePath=" + path, "--Broker:Tls:CertificatePassword=pfx-pass");
        Assert.NotEqual(0, gw.TlsPort);
        var secret = SecretHasher.NewSecret();
        gw.Registry.Add("pb-tls", "panic-button", "s", null, secret, DateTimeOffset.UtcNow);

        string? seen = null;
        async Task<MqttClientConnectResultCode> ConnectAsync(string password)
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            var r = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", gw.TlsPort).WithClientId("pb-tls")
                .WithCredentials("pb-tls", password).WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(10))
                .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(a =>
                {
                    seen = a.Certificate is null ? null : new X509Certificate2(a.Certificate).Thumbprint;
                    return seen == thumbprint;
                })).Build());
            return r.ResultCode;
        }

        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(secret));
        Assert.Equal(thumbprint, seen);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync("not-the-secret-0123456789"));
    }

    [Fact]
    public async Task A_missing_certificate_is_a_plain_configuration_error()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => InProcessGateway.StartWithAuthAsync("--Broker:Tls:Enabled=true", "--Broker:Tls:CertificatePath=/nope.pfx"));
        Assert.Contains("Broker:Tls:CertificatePath '/nope.pfx' does not exist", ex.Message, StringComparison.Ordinal);
    }
}
