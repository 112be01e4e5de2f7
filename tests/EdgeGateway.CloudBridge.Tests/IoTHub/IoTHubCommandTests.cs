using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>Cloud to gateway: C2D acks, direct methods, twin desired and reported properties, and bad input.</summary>
public sealed class IoTHubCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<UplinkUnderTest> ConnectedAsync(IoTHubEmulator hub, string id)
    {
        var up = new UplinkUnderTest(hub, id);
        await Eventually.TrueAsync(() => hub.IsConnectedAsync(id).GetAwaiter().GetResult() && hub.Twin(id).ReportedPatches > 0, Wait, "connected and reported");
        return up;
    }

    [Fact]
    public async Task A_c2d_ack_reaches_the_gateway_and_malformed_messages_are_refused_logged_and_completed()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = await ConnectedAsync(hub, "gw-c2d");
        up.Sink.KnownEvents.Add("pb-1:3:7");

        await hub.SendCloudToDeviceAsync("gw-c2d", "not json"u8.ToArray());
        await hub.SendCloudToDeviceAsync("gw-c2d", """{"cmd":"reboot-the-world"}"""u8.ToArray());
        await hub.SendCloudToDeviceAsync("gw-c2d", """{"cmd":"ack"}"""u8.ToArray());
        await hub.SendCloudToDeviceAsync("gw-c2d", """{"cmd":"ack","id":"pb-1:9:9"}"""u8.ToArray());
        await hub.SendCloudToDeviceAsync("gw-c2d", """{"cmd":"ack","id":"pb-1:3:7"}"""u8.ToArray(), "messageId=m1");

        await Eventually.TrueAsync(() => up.Sink.Acked.Contains("pb-1:3:7"), Wait, "the ack to reach the gateway");
        await Eventually.TrueAsync(() => hub.CloudToDeviceAcked == 5, Wait, "every C2D message to be completed");
        Assert.Single(up.Sink.Acked);
        Assert.Equal(4, up.Uplink.CommandsRefused);
        var log = up.Logs.AllText;
        Assert.Contains("not JSON", log, StringComparison.Ordinal);
        Assert.Contains("unknown command 'reboot-the-world'", log, StringComparison.Ordinal);
        Assert.Contains("an ack needs \"id\"", log, StringComparison.Ordinal);
        Assert.Contains("pb-1:9:9 never reached this gateway", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_methods_answer_on_the_response_topic_and_bad_calls_get_clear_errors()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = await ConnectedAsync(hub, "gw-m");
        up.Sink.KnownEvents.Add("pb-2:1:4");

        var ping = await hub.InvokeMethodAsync("gw-m", "ping", "null", Wait);
        Assert.Equal(200, ping.Status);
        Assert.True(JsonDocument.Parse(ping.Body).RootElement.GetProperty("pong").GetBoolean());

        var status = await hub.InvokeMethodAsync("gw-m", "getStatus", "{}", Wait);
        Assert.Equal(200, status.Status);
        var s = JsonDocument.Parse(status.Body).RootElement;
        Assert.Equal("9.9.9-test", s.GetProperty("version").GetString());
        Assert.Equal(5, s.GetProperty("backlog").GetProperty("P2").GetInt64());

        var ack = await hub.InvokeMethodAsync("gw-m", "ackAlarm", """{"eventId":"pb-2:1:4"}""", Wait);
        Assert.Equal(200, ack.Status);
        Assert.Contains("pb-2:1:4", up.Sink.Acked);

        Assert.Equal(200, (await hub.InvokeMethodAsync("gw-m", "sirenTest", """{"seconds":2}""", Wait)).Status);

        var unknownEvent = await hub.InvokeMethodAsync("gw-m", "ackAlarm", """{"eventId":"pb-2:1:99"}""", Wait);
        Assert.Equal(404, unknownEvent.Status);
        Assert.Contains("never reached this gateway", unknownEvent.Body, StringComparison.Ordinal);
        var noId = await hub.InvokeMethodAsync("gw-m", "ackAlarm", "{}", Wait);
        Assert.Equal(400, noId.Status);
        var badJson = await hub.InvokeMethodAsync("gw-m", "ackAlarm", "{oops", Wait);
        Assert.Equal(400, badJson.Status);
        var siren = await hub.InvokeMethodAsync("gw-m", "sirenTest", """{"seconds":600}""", Wait);
        Assert.Equal(400, siren.Status);
        var unknown = await hub.InvokeMethodAsync("gw-m", "selfDestruct", "{}", Wait);
        Assert.Equal(404, unknown.Status);
        Assert.Contains("unknown method 'selfDestruct'", JsonDocument.Parse(unknown.Body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("selfDestruct", up.Logs.AllText, StringComparison.Ordinal);

        // Still alive and answering after all that.
        Assert.Equal(200, (await hub.InvokeMethodAsync("gw-m", "ping", "", Wait)).Status);
    }

    [Fact]
    public async Task The_twin_gets_the_gateway_status_and_desired_changes_apply_at_run_time()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        hub.RegisterDevice("gw-tw"); // the twin exists, with a desired setting, before the gateway connects
        hub.Twin("gw-tw").PatchDesired(new JsonObject { ["heartbeatIntervalSeconds"] = 90 });
        await using var up = await ConnectedAsync(hub, "gw-tw");
        Assert.Contains(up.Sink.Desired, d => d.Contains("\"heartbeatIntervalSeconds\":90", StringComparison.Ordinal));

        var reported = hub.Twin("gw-tw").Reported()["gateway"]!;
        Assert.Equal("9.9.9-test", reported["version"]!.GetValue<string>());
        Assert.Equal(3, reported["devicesOnline"]!.GetValue<int>());
        Assert.Equal(1, reported["backlog"]!["P3"]!.GetValue<long>());
        Assert.Equal("connected", reported["uplink"]!.GetValue<string>());

        up.Sink.DevicesOnline = 4;
        await Eventually.TrueAsync(() => hub.Twin("gw-tw").Reported()["gateway"]?["devicesOnline"]?.GetValue<int>() == 4, Wait, "a status change to be reported");

        await hub.UpdateDesiredAsync("gw-tw", new JsonObject { ["heartbeatIntervalSeconds"] = "soon" });
        await hub.UpdateDesiredAsync("gw-tw", new JsonObject { ["debounce"] = new JsonObject { ["panicWindowSeconds"] = 10 } });
        await Eventually.TrueAsync(() => up.Sink.Desired.Any(d => d.Contains("panicWindowSeconds", StringComparison.Ordinal)), Wait, "the desired patch to apply");
        Assert.DoesNotContain(up.Sink.Desired, d => d.Contains("soon", StringComparison.Ordinal));
        Assert.Contains("desired properties refused", up.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains("heartbeatIntervalSeconds must be a number", up.Logs.AllText, StringComparison.Ordinal);
    }
}
