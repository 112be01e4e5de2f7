using System.Text.Json;
using EdgeGateway.Core.Operators;
using EdgeGateway.Core.Supervision;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// With the uplink down (an MQTT cloud on a port nobody listens on), what devices send stays in the buffer: the buffer
/// API, the history API and its CSV, and the new /metrics figures (parsed by a Prometheus parser) all show it.
/// </summary>
public sealed class BufferHistoryApiTests
{
    private const string Secret = "0123456789abcdef-secret";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Events_held_while_the_uplink_is_down_show_in_buffer_history_csv_and_metrics()
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var console = await ConsoleHarness.StartWithAuthAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={FreePort.Next()}");
        var ids = new List<string>();
        var devices = new List<VirtualPanicButton>();
        foreach (var dev in new[] { "pb-b1", "pb-b2" })
        {
            console.Gateway.Registry.Add(dev, "panic-button", "north", null, Secret, DateTimeOffset.UtcNow);
            var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = dev, Secret = Secret }, boot: 4);
            devices.Add(device);
            await device.ConnectAsync(CancellationToken.None);
            ids.Add(device.Press());
        }
        await WrongSecretAsync(console.Gateway.Port, "pb-b1");
        var supervision = console.Gateway.Services.GetRequiredService<IDeviceSupervision>();
        await Eventually.TrueAsync(() => supervision.Current().Count(d => d.Online) == 2, Wait, "both devices online");
        var password = console.AddOperator("viewer", OperatorRole.Operator);
        using var session = new ConsoleSession(console.Url);
        await session.LoginOrFailAsync("viewer", password);

        JsonElement buffer = default;
        await Eventually.TrueAsync(async () =>
        {
            buffer = await ConsoleSession.JsonAsync(await session.Http.GetAsync(new Uri("/api/v1/buffer", UriKind.Relative)));
            return buffer.GetProperty("classes")[0].GetProperty("depth").GetInt64() == 2;
        }, Wait, "two panics held in the buffer");
        var p0 = buffer.GetProperty("classes")[0];
        Assert.Equal("P0", p0.GetProperty("prio").GetString());
        Assert.InRange(p0.GetProperty("oldestReceivedAt").GetInt64(), start, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.True(p0.GetProperty("oldestAgeSeconds").GetDouble() >= 0);
        Assert.Equal(0, p0.GetProperty("shed").GetInt64());
        var uplink = buffer.GetProperty("uplink");
        Assert.Equal("mqtt", uplink.GetProperty("kind").GetString());
        Assert.NotEqual("connected", uplink.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, uplink.GetProperty("lastSuccessAt").ValueKind);
        Assert.Equal(0, uplink.GetProperty("forwardedTotal").GetInt64());
        var disk = buffer.GetProperty("disk");
        Assert.True(disk.GetProperty("usedBytes").GetInt64() > 0);
        Assert.Equal(1024L * 1024 * 1024, disk.GetProperty("quotaBytes").GetInt64());

        // History: by device, paged by type, and as CSV.
        JsonElement history = default;
        await Eventually.TrueAsync(async () =>
        {
            history = await ConsoleSession.JsonAsync(await session.Http.GetAsync(new Uri("/api/v1/history?type=panic&limit=1", UriKind.Relative)));
            return history.GetProperty("items").GetArrayLength() == 1 && history.GetProperty("next").ValueKind == JsonValueKind.Number;
        }, Wait, "the panics in the journal");
        Assert.Equal(ids[1], history.GetProperty("items")[0].GetProperty("id").GetString());
        var older = await ConsoleSession.JsonAsync(await session.Http.GetAsync(
            new Uri($"/api/v1/history?type=panic&limit=1&before={history.GetProperty("next").GetInt64()}", UriKind.Relative)));
        Assert.Equal(ids[0], older.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, older.GetProperty("next").ValueKind);
        var byDevice = await ConsoleSession.JsonAsync(await session.Http.GetAsync(new Uri("/api/v1/history?device=pb-b1", UriKind.Relative)));
        var item = byDevice.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "panic");
        Assert.Equal((ids[0], "pb-b1", "P0", "stored"), (item.GetProperty("id").GetString(), item.GetProperty("device").GetString(),
            item.GetProperty("prio").GetString(), item.GetProperty("outcome").GetString()));
        var csv = await session.Http.GetAsync(new Uri($"/api/v1/history.csv?type=panic&from={start}", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seq,received_at,device,type,prio,event_id,device_time,synced,outcome,data", lines[0]);
        Assert.Equal([ids[1], ids[0]], lines.Skip(1).Select(l => l.Split(',')[5]));

        // The new figures of /metrics, read by a Prometheus parser, agree with the API and with what was sent.
        using var anonymous = new HttpClient { BaseAddress = new Uri(console.Url) };
        var samples = await PrometheusText.ParseAsync(await anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        double Value(string name, string? label = null, string? value = null) =>
            samples.Single(s => s.Name == name && (label is null || s.Labels.GetValueOrDefault(label) == value)).Value;
        Assert.Equal(2, Value("edgegw_buffer_depth", "prio", "P0"));
        Assert.Equal(0, Value("edgegw_buffer_depth", "prio", "P3"));
        var age = Value("edgegw_buffer_oldest_age_seconds", "prio", "P0");
        Assert.InRange(age, 0, (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - start) / 1000.0);
        Assert.Equal(0, Value("edgegw_buffer_oldest_age_seconds", "prio", "P2"));
        Assert.Equal(disk.GetProperty("quotaBytes").GetInt64(), Value("edgegw_buffer_quota_bytes"));
        Assert.True(Value("edgegw_buffer_used_bytes") >= disk.GetProperty("usedBytes").GetInt64());
        Assert.NotEqual(2, Value("edgegw_uplink_state"));
        Assert.Equal(2, Value("edgegw_devices", "state", "online"));
        Assert.Equal(0, Value("edgegw_devices", "state", "offline"));
        Assert.Equal(1, Value("edgegw_broker_auth_failures_total", "result", "WrongSecret"));
        Assert.Equal("counter", samples.First(s => s.Name == "edgegw_broker_auth_failures_total").Type);
        Assert.Equal("gauge", samples.First(s => s.Name == "edgegw_buffer_oldest_age_seconds").Type);
        foreach (var d in devices) await d.DisposeAsync();
    }

    private static async Task WrongSecretAsync(int port, string id)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithCredentials(id, "not-the-secret").Build();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await client.ConnectAsync(options)).ResultCode);
    }
}
