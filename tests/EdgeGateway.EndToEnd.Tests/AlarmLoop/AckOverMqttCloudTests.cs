using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.AlarmLoop;

/// <summary>
/// The alarm loop over a generic MQTT cloud: a virtual panic button → the real gateway → a real Mosquitto as the
/// cloud, where a dispatcher client sees the panic and publishes <c>{"cmd":"ack","id":…}</c> on
/// <c>edge/{gw}/cmd</c> → the gateway's result on <c>edge/{gw}/cmd/res</c> → the device's LED.
/// </summary>
public sealed class AckOverMqttCloudTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    internal static string[] MqttCloud(MosquittoProcess cloud, string gatewayId) =>
        ["--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={cloud.Port}", $"--Gateway:Id={gatewayId}"];

    internal static Task<(string Topic, byte[] Payload)> EventUpstreamAsync(UpstreamSubscriber cloud, string type, string? contains = null) =>
        cloud.WaitForAsync((t, p) => t.EndsWith("/" + type, StringComparison.Ordinal)
            && (contains is null || Encoding.UTF8.GetString(p).Contains(contains, StringComparison.Ordinal)), Wait);

    internal static async Task<JsonElement> ResultAsync(UpstreamSubscriber cloud, string gatewayId, string eventId)
    {
        var (_, payload) = await cloud.WaitForAsync((t, p) => t == $"edge/{gatewayId}/cmd/res"
            && Encoding.UTF8.GetString(p).Contains(eventId, StringComparison.Ordinal), Wait);
        return JsonDocument.Parse(payload).RootElement.Clone();
    }

    internal static Task AckAsync(UpstreamSubscriber cloud, string gatewayId, string eventId, string by = "dispatcher 7") =>
        cloud.PublishAsync($"edge/{gatewayId}/cmd", new JsonObject { ["cmd"] = "ack", ["id"] = eventId, ["by"] = by }.ToJsonString());

    [Fact]
    public async Task A_dispatchers_ack_over_the_mqtt_cloud_reaches_the_devices_led_and_is_answered_delivered()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-mq/#");
        await using var gateway = await InProcessGateway.StartAsync(MqttCloud(mosquitto, "gw-mq"));
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-0042" }, boot: 17);
        await device.ConnectAsync(CancellationToken.None);

        var id = device.Press();
        await EventUpstreamAsync(cloud, "panic", id);
        await AckAsync(cloud, "gw-mq", id);

        await Led.WaitForAsync(device, LedState.Acknowledged, Wait, "the LED to show acknowledged");
        var result = await ResultAsync(cloud, "gw-mq", id);
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Equal("ack", result.GetProperty("cmd").GetString());
        Assert.Equal("delivered", result.GetProperty("result").GetProperty("delivery").GetString());
        Assert.Equal("dispatcher 7", result.GetProperty("result").GetProperty("by").GetString());
    }

    [Fact]
    public async Task Bad_commands_from_the_cloud_get_a_result_naming_the_problem_and_the_gateway_goes_on()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-bad/#");
        await using var gateway = await InProcessGateway.StartAsync(MqttCloud(mosquitto, "gw-bad"));
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-9" }, boot: 2);
        await device.ConnectAsync(CancellationToken.None);
        var id = device.Press();
        await EventUpstreamAsync(cloud, "panic", id);

        await cloud.PublishAsync("edge/gw-bad/cmd", "not json");
        await cloud.PublishAsync("edge/gw-bad/cmd", """{"cmd":"reboot-the-world","rid":"r2"}""");
        await cloud.PublishAsync("edge/gw-bad/cmd", """{"cmd":"ack","id":"pb-9:2:999","rid":"r3"}""");
        await cloud.PublishAsync("edge/gw-bad/cmd", """{"cmd":"ack","id":"pb-9/../evil","rid":"r4"}""");

        string Error(int n) => cloud.Messages.Where(m => m.Topic == "edge/gw-bad/cmd/res").Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .ElementAt(n).GetProperty("result").GetProperty("error").GetString()!;
        await Eventually.TrueAsync(() => cloud.Messages.Count(m => m.Topic == "edge/gw-bad/cmd/res") == 4, Wait, "four results");
        Assert.Contains("not JSON", Error(0), StringComparison.Ordinal);
        Assert.Contains("unknown command 'reboot-the-world'", Error(1), StringComparison.Ordinal);
        Assert.Contains("pb-9:2:999 never reached this gateway", Error(2), StringComparison.Ordinal);
        Assert.Contains("is not an event id", Error(3), StringComparison.Ordinal);

        await AckAsync(cloud, "gw-bad", id);
        await Led.WaitForAsync(device, LedState.Acknowledged, Wait, "the LED to show acknowledged after the bad commands");
    }

    [Fact]
    public async Task An_ack_for_another_alarm_leaves_the_led_alone_and_the_device_answers_with_an_error()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-id/#");
        await using var gateway = await InProcessGateway.StartAsync(MqttCloud(mosquitto, "gw-id"));
        using var state = new TempDir();
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-5" }, new FileFlashStore(state.Path, "pb-5"));
        var bootId = await device.StartAsync(CancellationToken.None);
        await EventUpstreamAsync(cloud, "boot", bootId);
        var panicId = device.Press();
        await EventUpstreamAsync(cloud, "panic", panicId);
        await Led.WaitForAsync(device, LedState.Delivered, Wait, "the LED to show delivered");

        await AckAsync(cloud, "gw-id", bootId); // an id the gateway saw, but not the alarm the device holds
        var (_, refusal) = await EventUpstreamAsync(cloud, "cmd_result", "not the alarm held");
        Assert.Contains("\"ok\":false", Encoding.UTF8.GetString(refusal), StringComparison.Ordinal);
        Assert.DoesNotContain(LedState.Acknowledged, device.Led.History);

        await AckAsync(cloud, "gw-id", panicId);
        await Led.WaitForAsync(device, LedState.Acknowledged, Wait, "the LED to show acknowledged for the right id");
    }
}
