using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Core.Commands;
using EdgeGateway.EndToEnd.Tests.AlarmLoop;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.EndToEnd.Tests.IoTHub;

/// <summary>
/// The whole loop with IoT Hub: a virtual panic button → the real gateway (embedded broker, SQLite, forwarder,
/// IoT Hub uplink over MQTT/TLS) → the IoT Hub contract emulator → a dispatcher's ack (C2D or direct method) →
/// back through the gateway's broker to the device → the LED shows "acknowledged".
/// </summary>
public sealed class PressToLedOverIoTHubTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static Task<InProcessGateway> StartGatewayAsync(IoTHubEmulator hub, string gatewayId) =>
        InProcessGateway.StartAsync(
            "--Uplink:Kind=iothub",
            $"--Gateway:Id={gatewayId}",
            $"--Uplink:IoTHub:ConnectionString={hub.RegisterDevice(gatewayId)}",
            "--Uplink:IoTHub:Host=127.0.0.1",
            $"--Uplink:IoTHub:Port={hub.Port}",
            $"--Uplink:IoTHub:CaCertificatePath={hub.CaCertificatePath}",
            "--Uplink:IoTHub:StatusPollInterval=00:00:00.200",
            "--Uplink:IoTHub:ReportedMinInterval=00:00:00");

    private static Task WaitForLedAsync(VirtualPanicButton device, LedState state, string what) => Led.WaitForAsync(device, state, Wait, what);

    [Fact]
    public async Task A_press_reaches_the_hub_and_the_dispatchers_c2d_ack_lights_the_devices_led()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var gateway = await StartGatewayAsync(hub, "gw-e2e");
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-0042" }, boot: 17);
        await device.ConnectAsync(CancellationToken.None);

        var id = device.Press();
        await Eventually.TrueAsync(() => hub.Telemetry.Any(t => t.MessageId == id), Wait, "the panic at the hub with $.mid = its event id");
        var telemetry = hub.Telemetry.First(t => t.MessageId == id);
        Assert.Equal("panic", telemetry.Properties["type"]);
        Assert.Equal("P0", telemetry.Properties["prio"]);
        Assert.Equal("pb-0042", telemetry.Properties["dev"]);
        await WaitForLedAsync(device, LedState.Delivered, "the LED to show delivered");

        await hub.SendCloudToDeviceAsync("gw-e2e", Encoding.UTF8.GetBytes($$"""{"cmd":"ack","id":"{{id}}"}"""));

        await WaitForLedAsync(device, LedState.Acknowledged, "the LED to show acknowledged");
        await Eventually.TrueAsync(() => hub.CloudToDeviceAcked >= 1, Wait, "the C2D message to be completed");
        Assert.Empty(hub.Violations);
        Assert.DoesNotContain("SharedAccessKey=", gateway.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessSignature", gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ackAlarm_method_acks_a_known_event_and_refuses_unknown_and_malformed_ids_and_desired_props_apply_live()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var gateway = await StartGatewayAsync(hub, "gw-m");
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-7" }, boot: 3);
        await device.ConnectAsync(CancellationToken.None);
        var id = device.Press();
        await Eventually.TrueAsync(() => hub.Telemetry.Any(t => t.MessageId == id), Wait, "the panic at the hub");

        var unknown = await hub.InvokeMethodAsync("gw-m", "ackAlarm", """{"eventId":"pb-7:3:99"}""", Wait);
        Assert.Equal(404, unknown.Status);
        Assert.Contains("never reached this gateway", unknown.Body, StringComparison.Ordinal);
        var malformed = await hub.InvokeMethodAsync("gw-m", "ackAlarm", """{"eventId":"pb-7/../evil"}""", Wait);
        Assert.Equal(400, malformed.Status);
        Assert.Contains("is not an event id", malformed.Body, StringComparison.Ordinal);
        Assert.NotEqual(LedState.Acknowledged, device.Led.Current);

        var ok = await hub.InvokeMethodAsync("gw-m", "ackAlarm", $$"""{"eventId":"{{id}}"}""", Wait);
        Assert.Equal(200, ok.Status);
        await WaitForLedAsync(device, LedState.Acknowledged, "the LED to show acknowledged");

        // The twin reports the gateway's status, and desired properties change settings without a restart.
        await Eventually.TrueAsync(() => hub.Twin("gw-m").Reported()["gateway"]?["devicesOnline"]?.GetValue<int>() == 1, Wait, "devicesOnline reported");
        var settings = gateway.Services.GetRequiredService<IRuntimeSettings>();
        // The device answers the ack with a cmd_result event; let it land before counting what the buffer holds.
        await Eventually.TrueAsync(() => gateway.Metrics.StoredTotal == 2 && device.Machine.PendingCount == 0, Wait, "the panic and the ack's cmd_result stored");
        var storedBefore = gateway.Metrics.StoredTotal;
        await hub.UpdateDesiredAsync("gw-m", new JsonObject { ["debounce"] = new JsonObject { ["panicWindowSeconds"] = 10 }, ["heartbeatIntervalSeconds"] = 120 });
        await Eventually.TrueAsync(() => settings.PanicWindow == TimeSpan.FromSeconds(10) && settings.HeartbeatInterval == TimeSpan.FromSeconds(120), Wait, "desired settings applied");
        var windows = gateway.Services.GetRequiredService<EdgeGateway.Core.Debounce.IDebounceSettings>();
        // The debouncer sees the twin's window (the holder notifies it right after applying the change).
        await Eventually.TrueAsync(() => windows.Current.PanicWindow == TimeSpan.FromSeconds(10), Wait, "the debouncer to take the twin's panic window");
        Assert.Equal(TimeSpan.FromSeconds(60), windows.Current.CheckinWindow);
        await hub.UpdateDesiredAsync("gw-m", new JsonObject { ["heartbeatIntervalSeconds"] = 1 });
        await Eventually.TrueAsync(() => gateway.Logs.AllText.Contains("heartbeatIntervalSeconds must be", StringComparison.Ordinal), Wait, "the bad desired value refused and logged");
        Assert.Equal(TimeSpan.FromSeconds(120), settings.HeartbeatInterval);
        Assert.Equal(storedBefore, gateway.Metrics.StoredTotal);
    }

    /// <summary>
    /// The same loop with the gateway as its own process (in ./test.sh's second pass the NativeAOT build the Pi runs):
    /// TLS with the site's CA file, the SAS token, telemetry properties, a C2D ack, the methods' JSON (the siren on the fake
    /// GPIO driver) and the twin's report.
    /// </summary>
    [Fact]
    [Trait("Category", GatewayProcess.Category)]
    public async Task In_the_gateway_process_a_press_reaches_the_hub_the_ack_lights_the_led_and_methods_and_twin_answer()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        using var data = new TempDir("iothub-process");
        await using var gateway = await GatewayProcess.StartAsync(data.Path,
            "--Uplink:Kind=iothub", "--Gateway:Id=gw-p", $"--Uplink:IoTHub:ConnectionString={hub.RegisterDevice("gw-p")}",
            "--Uplink:IoTHub:Host=127.0.0.1", $"--Uplink:IoTHub:Port={hub.Port}", $"--Uplink:IoTHub:CaCertificatePath={hub.CaCertificatePath}",
            "--Uplink:IoTHub:StatusPollInterval=00:00:00.200", "--Uplink:IoTHub:ReportedMinInterval=00:00:00",
            "--Gpio:Enabled=true", "--Gpio:Driver=fake");
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-0088" }, boot: 4);
        await device.ConnectAsync(CancellationToken.None);

        var id = device.Press();
        await Eventually.TrueAsync(() => hub.Telemetry.Any(t => t.MessageId == id), Wait, "the panic at the hub\n" + gateway.Log);
        Assert.Equal("P0", hub.Telemetry.First(t => t.MessageId == id).Properties["prio"]);
        await hub.SendCloudToDeviceAsync("gw-p", Encoding.UTF8.GetBytes($$"""{"cmd":"ack","id":"{{id}}"}"""));
        await WaitForLedAsync(device, LedState.Acknowledged, "the LED to show the C2D ack\n" + gateway.Log);

        var again = await hub.InvokeMethodAsync("gw-p", "ackAlarm", $$"""{"eventId":"{{id}}"}""", Wait);
        Assert.Equal(200, again.Status);
        Assert.True(JsonNode.Parse(again.Body)!["duplicate"]!.GetValue<bool>(), again.Body);
        var status = await hub.InvokeMethodAsync("gw-p", "getStatus", "{}", Wait);
        Assert.Equal(200, status.Status);
        Assert.Equal(1, JsonNode.Parse(status.Body)!["devicesOnline"]!.GetValue<int>());
        var siren = await hub.InvokeMethodAsync("gw-p", "sirenTest", """{"seconds":1}""", Wait);
        Assert.True(siren.Status == 200, $"sirenTest: {siren.Status} {siren.Body}\n{gateway.Log}");
        await Eventually.TrueAsync(() => hub.Twin("gw-p").Reported()["gateway"]?["devicesOnline"]?.GetValue<int>() == 1, Wait, "devicesOnline reported");
        Assert.Empty(hub.Violations);
    }
}
