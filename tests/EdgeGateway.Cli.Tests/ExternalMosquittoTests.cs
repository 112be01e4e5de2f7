using EdgeGateway.TestInfra;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Cli.Tests;

/// <summary>Issue 6, external broker mode: a real Mosquitto with the password and ACL files `edgegw broker export-mosquitto` writes.</summary>
public sealed class ExternalMosquittoTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("export");
    private readonly Dictionary<string, string> _secrets = new();
    private MosquittoProcess _mosquitto = null!;

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_dir.Path, "data");
        foreach (var id in new[] { "pb-a", "pb-b", "pb-gone" })
        {
            var (code, output) = await Proc.EdgegwAsync("--data-dir", data, "device", "add", "--id", id, "--type", "panic-button", "--site", "s1",
                "--secret-file", Path.Combine(_dir.Path, id + ".secret"));
            Assert.True(code == 0, output);
            _secrets[id] = (await File.ReadAllTextAsync(Path.Combine(_dir.Path, id + ".secret"))).Trim();
        }
        Assert.Equal(0, (await Proc.EdgegwAsync("--data-dir", data, "device", "revoke", "pb-gone")).Code);
        var outDir = Path.Combine(_dir.Path, "mq");
        var (exportCode, exportOutput) = await Proc.EdgegwAsync("--data-dir", data, "broker", "export-mosquitto", "--out", outDir);
        Assert.True(exportCode == 0, exportOutput);
        Assert.Contains("for 2 active device(s)", exportOutput, StringComparison.Ordinal);
        // `user root`: when the tests run as root, Mosquitto would otherwise drop to user `mosquitto`, which cannot
        // read a private temp directory. Ignored when not run as root.
        _mosquitto = await MosquittoProcess.StartAsync(
            $"user root\npassword_file {outDir}/mosquitto.passwd\nacl_file {outDir}/mosquitto.acl", allowAnonymous: false);
    }

    public async Task DisposeAsync()
    {
        await _mosquitto.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose(); // xunit calls it after DisposeAsync

    private async Task<(IMqttClient Client, MqttClientConnectResultCode Code)> ConnectAsync(string id, string secret)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var r = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_mosquitto.Host, _mosquitto.Port).WithClientId(id)
            .WithCredentials(id, secret).WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10)).Build());
        return (client, r.ResultCode);
    }

    [Fact]
    public async Task Devices_log_in_with_their_own_secret_only_and_revoked_devices_are_not_exported()
    {
        var (a, code) = await ConnectAsync("pb-a", _secrets["pb-a"]);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        a.Dispose();
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync("pb-a", _secrets["pb-b"])).Code);
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync("pb-gone", _secrets["pb-gone"])).Code);
    }

    [Fact]
    public async Task The_acl_holds_a_device_publishes_and_subscribes_only_as_itself()
    {
        var (a, code) = await ConnectAsync("pb-a", _secrets["pb-a"]);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var own = await a.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-a/evt").WithPayload("{}"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Contains(own.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
        var other = await a.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-b/evt").WithPayload("{}"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);

        a.Dispose();

        // Reads: the gateway account sees every device's evt and writes every cmd; a device reads only its own cmd.
        var gatewaySecret = (await File.ReadAllTextAsync(Path.Combine(_dir.Path, "mq", "gateway.secret"))).Trim();
        var (gw, gwCode) = await ConnectAsync("edgegw.gateway", gatewaySecret);
        Assert.Equal(MqttClientConnectResultCode.Success, gwCode);
        var gwGot = Collect(gw);
        await gw.SubscribeAsync("sec/v1/+/evt", MqttQualityOfServiceLevel.AtLeastOnce);
        (a, _) = await ConnectAsync("pb-a", _secrets["pb-a"]); // Mosquitto closes the connection after a refused publish
        var (b, _) = await ConnectAsync("pb-b", _secrets["pb-b"]);
        var aGot = Collect(a);
        var bGot = Collect(b);
        await a.SubscribeAsync("sec/v1/pb-a/cmd", MqttQualityOfServiceLevel.AtLeastOnce);
        await b.SubscribeAsync("sec/v1/+/evt", MqttQualityOfServiceLevel.AtLeastOnce); // granted by Mosquitto 2.0, but nothing may be delivered
        await b.SubscribeAsync("sec/v1/pb-a/cmd", MqttQualityOfServiceLevel.AtLeastOnce);
        await a.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-a/evt").WithPayload("{}"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await gw.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-a/cmd").WithPayload("ack"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Eventually.TrueAsync(() => gwGot.Contains("sec/v1/pb-a/evt") && aGot.Contains("sec/v1/pb-a/cmd"), TimeSpan.FromSeconds(10), "allowed deliveries");
        // Mosquitto delivers in order per connection; a marker published after both shows pb-b got nothing.
        await b.SubscribeAsync("sec/v1/pb-b/cmd", MqttQualityOfServiceLevel.AtLeastOnce);
        await gw.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sec/v1/pb-b/cmd").WithPayload("marker"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Eventually.TrueAsync(() => bGot.Contains("sec/v1/pb-b/cmd"), TimeSpan.FromSeconds(10), "pb-b's own cmd");
        Assert.DoesNotContain("sec/v1/pb-a/evt", bGot);
        Assert.DoesNotContain("sec/v1/pb-a/cmd", bGot);
        a.Dispose();
        b.Dispose();
        gw.Dispose();
    }

    private static System.Collections.Concurrent.ConcurrentBag<string> Collect(IMqttClient client)
    {
        var got = new System.Collections.Concurrent.ConcurrentBag<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            got.Add(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        return got;
    }
}
