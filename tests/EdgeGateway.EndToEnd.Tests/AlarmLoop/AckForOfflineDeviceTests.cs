using System.Text.Json;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using static EdgeGateway.EndToEnd.Tests.AlarmLoop.AckOverMqttCloudTests;

namespace EdgeGateway.EndToEnd.Tests.AlarmLoop;

/// <summary>
/// A panic button on flaky Wi-Fi: its link to the gateway goes through a real socat relay, which the test kills
/// (the device is offline) and starts again (the device reconnects by itself, clean session off). The dispatcher's
/// ack arrives while the device is away: the cloud is answered <c>queued</c>, the device gets the ack when it is
/// back, the LED shows acknowledged, and <c>cmd_delivered</c> goes upstream. Also across a gateway kill -9.
/// </summary>
public sealed class AckForOfflineDeviceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_ack_sent_while_the_device_is_offline_is_queued_then_delivered_when_it_reconnects()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-off/#");
        await using var gateway = await InProcessGateway.StartAsync(MqttCloud(mosquitto, "gw-off"));
        var wifiPort = FreePort.Next();
        var wifi = await TcpRelay.StartAsync(wifiPort, gateway.Port);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = wifiPort, DeviceId = "pb-0042" }, boot: 17);
        await device.ConnectAsync(CancellationToken.None);
        var id = device.Press();
        await EventUpstreamAsync(cloud, "panic", id);

        await wifi.DisposeAsync(); // Wi-Fi gone: the device's connection drops
        await Eventually.TrueAsync(() => !device.Link.IsConnected, Wait, "the device to notice it is offline");
        await AckAsync(cloud, "gw-off", id);
        var result = await ResultAsync(cloud, "gw-off", id);
        Assert.Equal(202, result.GetProperty("status").GetInt32());
        Assert.Equal("queued", result.GetProperty("result").GetProperty("delivery").GetString());
        Assert.DoesNotContain(LedState.Acknowledged, device.Led.History);

        await using var back = await TcpRelay.StartAsync(wifiPort, gateway.Port); // Wi-Fi back: the device reconnects
        await Led.WaitForAsync(device, LedState.Acknowledged, Wait, "the LED to show acknowledged after the reconnect");
        var (_, delivered) = await EventUpstreamAsync(cloud, "cmd_delivered", id);
        var data = JsonDocument.Parse(delivered).RootElement;
        Assert.Contains("\"device\":\"pb-0042\"", data.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", GatewayProcess.Category)]
    public async Task A_queued_ack_survives_a_gateway_kill_9_and_reaches_the_device_after_the_restart()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-k9/#");
        using var data = new TempDir("ack-kill9");
        await using var gateway = await GatewayProcess.StartAsync(data.Path, [.. MqttCloud(mosquitto, "gw-k9"), "--Forwarder:RetryMax=00:00:00.500"]);
        var wifiPort = FreePort.Next();
        var wifi = await TcpRelay.StartAsync(wifiPort, gateway.Port);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = wifiPort, DeviceId = "pb-0043" }, boot: 5);
        await device.ConnectAsync(CancellationToken.None);
        var id = device.Press();
        await EventUpstreamAsync(cloud, "panic", id);

        await wifi.DisposeAsync();
        await Eventually.TrueAsync(() => !device.Link.IsConnected, Wait, "the device to notice it is offline");
        await AckAsync(cloud, "gw-k9", id);
        var queued = await ResultAsync(cloud, "gw-k9", id);
        Assert.Equal("queued", queued.GetProperty("result").GetProperty("delivery").GetString());
        Assert.DoesNotContain(LedState.Acknowledged, device.Led.History);

        await gateway.KillAsync();
        await gateway.RestartAsync();
        await using var back = await TcpRelay.StartAsync(wifiPort, gateway.Port);
        await Led.WaitForAsync(device, LedState.Acknowledged, Wait, "the LED to show acknowledged after the gateway's restart\n" + gateway.Log);
        await EventUpstreamAsync(cloud, "cmd_delivered", id);
    }
}
