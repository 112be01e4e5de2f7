using System.Text;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.Mqtt;

/// <summary>The generic MQTT uplink over TLS with an X.509 client certificate (as EMQX, HiveMQ, AWS IoT Core want), against real Mosquitto.</summary>
public sealed class MqttTlsUplinkTests
{
    private static async Task<(MosquittoProcess Broker, int TlsPort)> StartTlsBrokerAsync(TestPki pki)
    {
        var (cert, key) = pki.IssueServer();
        var tlsPort = FreePort.Next();
        var broker = await MosquittoProcess.StartAsync($"""
            listener {tlsPort} 127.0.0.1
            cafile {pki.CaPath}
            certfile {cert}
            keyfile {key}
            require_certificate true
            use_identity_as_username true
            """);
        await FreePort.WaitListeningAsync(tlsPort, TimeSpan.FromSeconds(10), () => broker.Log);
        return (broker, tlsPort);
    }

    private static MqttBrokerUplink Uplink(int port, string ca, (string Cert, string Key)? client, string template = "site/{gw}/{dev}") => new(
        new MqttUplinkOptions
        {
            Port = port,
            Tls = true,
            TlsServerName = "localhost",
            CaCertificatePath = ca,
            ClientCertificatePath = client?.Cert,
            ClientKeyPath = client?.Key,
            TopicTemplate = template,
            AckTimeout = TimeSpan.FromSeconds(5),
        },
        "gw-tls", null, NullLogger<MqttBrokerUplink>.Instance);

    [Fact]
    public async Task With_a_client_certificate_events_arrive_over_tls_on_the_configured_topic_template()
    {
        using var pki = new TestPki();
        var (broker, tlsPort) = await StartTlsBrokerAsync(pki);
        await using var _ = broker;
        await using var sub = await UpstreamSubscriber.ConnectAsync(broker.Host, broker.Port, "site/#");
        await using var uplink = Uplink(tlsPort, pki.CaPath, pki.IssueClient("gw-tls"), "site/{gw}/{prio}/{dev}");

        await uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);

        var (topic, _) = await sub.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains("pb-1:1:1", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("site/gw-tls/P0/pb-1", topic);
    }

    [Fact]
    public async Task Without_a_client_certificate_or_with_an_untrusted_ca_the_send_fails_clearly()
    {
        using var pki = new TestPki();
        using var otherPki = new TestPki();
        var (broker, tlsPort) = await StartTlsBrokerAsync(pki);
        await using var _ = broker;

        await using var noCert = Uplink(tlsPort, pki.CaPath, null);
        await Assert.ThrowsAsync<UplinkException>(() => noCert.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None));

        await using var wrongCa = Uplink(tlsPort, otherPki.CaPath, pki.IssueClient("gw-tls"));
        var ex = await Assert.ThrowsAsync<UplinkException>(() => wrongCa.SendAsync([Messages.Panic("pb-1", 2)], CancellationToken.None));
        Assert.Contains("cannot reach upstream broker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_options_are_validated_with_plain_errors()
    {
        var problems = new MqttUplinkOptions { CaCertificatePath = "/nonexistent/ca.pem", ClientCertificatePath = "/x.pem" }.Validate().ToList();
        Assert.Contains(problems, p => p.Contains("need Uplink:Mqtt:Tls=true", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("go together", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'/nonexistent/ca.pem' does not exist", StringComparison.Ordinal));
    }
}
