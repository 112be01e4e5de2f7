using System.Net;
using System.Text;
using System.Text.Json;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// A local ack through the API is one more source into Core's acknowledger: a virtual panic button's press reaches
/// the board, the operator acks it, the device's LED reaches acknowledged, a real upstream Mosquitto receives
/// <c>alarm_ack</c> naming the operator, and a second ack answers with the first record.
/// </summary>
public sealed class AckApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    internal static string[] MqttCloud(MosquittoProcess cloud, string gatewayId) =>
        ["--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={cloud.Port}", $"--Gateway:Id={gatewayId}"];

    internal static async Task<JsonElement> AlarmAsync(ConsoleSession session, string id)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(async () =>
        {
            var response = await session.Http.GetAsync(new Uri("/api/v1/alarms/" + id, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK) return false;
            found = await ConsoleSession.JsonAsync(response);
            return true;
        }, Wait, $"alarm {id} on the board");
        return found;
    }

    [Fact]
    public async Task An_operators_ack_reaches_the_led_goes_upstream_as_alarm_ack_and_a_second_ack_answers_with_the_first()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-con/#");
        await using var console = await ConsoleHarness.StartAsync(MqttCloud(mosquitto, "gw-con"));
        var password = console.AddOperator("duty-officer", OperatorRole.Operator);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-0042" }, boot: 3);
        await device.ConnectAsync(CancellationToken.None);
        using var session = new ConsoleSession(console.Url);
        await session.LoginOrFailAsync("duty-officer", password);

        var id = device.Press();
        var alarm = await AlarmAsync(session, id);
        Assert.Equal("new", alarm.GetProperty("state").GetString());
        Assert.Equal("pb-0042", alarm.GetProperty("device").GetString());

        var first = await session.SendAsync(HttpMethod.Post, $"/api/v1/alarms/{id}/ack");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var record = await ConsoleSession.JsonAsync(first);
        Assert.Equal("delivered", record.GetProperty("delivery").GetString());
        Assert.Equal("duty-officer", record.GetProperty("by").GetString());
        Assert.Equal("console", record.GetProperty("source").GetString());
        await Eventually.TrueAsync(() => device.Led.Current == LedState.Acknowledged, Wait, "the LED to show acknowledged");

        var (_, upstream) = await cloud.WaitForAsync((t, p) => t.EndsWith("/alarm_ack", StringComparison.Ordinal)
            && Encoding.UTF8.GetString(p).Contains(id, StringComparison.Ordinal), Wait);
        var message = JsonDocument.Parse(upstream).RootElement;
        Assert.Equal("P1", message.GetProperty("prio").GetString());
        var data = message.GetProperty("evt").GetProperty("data");
        Assert.Equal(id, data.GetProperty("eventId").GetString());
        Assert.Equal("duty-officer", data.GetProperty("by").GetString());

        var second = await ConsoleSession.JsonAsync(await session.SendAsync(HttpMethod.Post, $"/api/v1/alarms/{id}/ack"));
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(record.GetProperty("at").GetInt64(), second.GetProperty("at").GetInt64());
        var shown = await ConsoleSession.JsonAsync(await session.Http.GetAsync(new Uri("/api/v1/alarms/" + id, UriKind.Relative)));
        Assert.Equal("acknowledged", shown.GetProperty("state").GetString());
        Assert.Equal("duty-officer", shown.GetProperty("ack").GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_cloud_ack_shows_on_the_board_as_acknowledged_by_dispatch()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-cl/#");
        await using var console = await ConsoleHarness.StartAsync(MqttCloud(mosquitto, "gw-cl"));
        var password = console.AddOperator("watch", OperatorRole.Operator);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-0007" }, boot: 1);
        await device.ConnectAsync(CancellationToken.None);
        using var session = new ConsoleSession(console.Url);
        await session.LoginOrFailAsync("watch", password);

        var id = device.Press();
        await AlarmAsync(session, id);
        await cloud.WaitForAsync((t, p) => t.EndsWith("/panic", StringComparison.Ordinal) && Encoding.UTF8.GetString(p).Contains(id, StringComparison.Ordinal), Wait);
        await cloud.PublishAsync("edge/gw-cl/cmd", TestJson.Serialize(new { cmd = "ack", id, by = "dispatcher 7" }));

        await Eventually.TrueAsync(async () =>
        {
            var a = await AlarmAsync(session, id);
            return a.GetProperty("state").GetString() == "acknowledged-cloud" && a.GetProperty("ack").GetProperty("by").GetString() == "dispatcher 7";
        }, Wait, "the board to show the dispatcher's ack");
    }
}
