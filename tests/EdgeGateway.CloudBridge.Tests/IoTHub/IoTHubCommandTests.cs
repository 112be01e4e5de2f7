using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Contracts.Commands;
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
    public async Task C2d_messages_reach_the_gateway_as_commands_and_are_completed_whatever_the_gateway_answers()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = await ConnectedAsync(hub, "gw-c2d");
        up.Sink.Replies["""{"cmd":"ack","id":"pb-1:3:7"}"""] = CommandReply.Ok("""{"delivery":"delivered"}""");

        await hub.SendCloudToDeviceAsync("gw-c2d", "not json"u8.ToArray());
        await hub.SendCloudToDeviceAsync("gw-c2d", """{"cmd":"ack","id":"pb-1:9:9"}"""u8.ToArray());
        await hub.SendCloudToDeviceAsync("gw-c2d", """{"cmd":"ack","id":"pb-1:3:7"}"""u8.ToArray(), "messageId=m1");

        await Eventually.TrueAsync(() => hub.CloudToDeviceAcked == 3, Wait, "every C2D message to be completed");
        Assert.Equal(["not json", """{"cmd":"ack","id":"pb-1:9:9"}""", """{"cmd":"ack","id":"pb-1:3:7"}"""], up.Sink.Commands.Select(c => c.Body));
        Assert.All(up.Sink.Commands, c => Assert.Equal(CommandSources.IoTHubC2D, c.Source));
        Assert.Equal(2, up.Transport.CommandsRefused);
        Assert.Contains("no reply scripted for not json", up.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains("answered 200", up.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_methods_are_answered_on_the_response_topic_with_the_gateways_status_and_body()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = await ConnectedAsync(hub, "gw-m");
        up.Sink.Replies["ping"] = CommandReply.Ok("""{"pong":true}""");
        up.Sink.Replies["ackAlarm"] = new CommandReply(CommandStatus.Accepted, """{"delivery":"queued"}""");

        var ping = await hub.InvokeMethodAsync("gw-m", "ping", "null", Wait);
        Assert.Equal(200, ping.Status);
        Assert.True(JsonDocument.Parse(ping.Body).RootElement.GetProperty("pong").GetBoolean());

        var ack = await hub.InvokeMethodAsync("gw-m", "ackAlarm", """{"eventId":"pb-2:1:4"}""", Wait);
        Assert.Equal(202, ack.Status);
        Assert.Equal("queued", JsonDocument.Parse(ack.Body).RootElement.GetProperty("delivery").GetString());
        Assert.Contains(up.Sink.Methods, m => m is ("ackAlarm", """{"eventId":"pb-2:1:4"}"""));

        var unknown = await hub.InvokeMethodAsync("gw-m", "selfDestruct", "{}", Wait);
        Assert.Equal(404, unknown.Status);
        Assert.Contains("unknown method 'selfDestruct'", JsonDocument.Parse(unknown.Body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("selfDestruct", up.Logs.AllText, StringComparison.Ordinal);
        Assert.Equal(1, up.Transport.CommandsRefused);

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
        Assert.DoesNotContain(up.Sink.Desired, d => d.Contains("$version", StringComparison.Ordinal) && d.Contains("reported", StringComparison.Ordinal));
    }
}
