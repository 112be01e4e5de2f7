using System.Text;
using System.Text.Json;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.EndToEnd.Tests;

/// <summary>
/// The walking skeleton's path: a virtual panic button (the firmware core on MQTTnet) → the real gateway
/// (embedded broker, SQLite buffer, forwarder) → a real Mosquitto upstream.
/// </summary>
public sealed class PressReachesUpstreamTests
{
    private static bool IsCommitted(string dbPath, string eventId)
    {
        // A separate read-only connection sees only committed transactions.
        using var c = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM seen WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", eventId);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    [Fact]
    public async Task A_press_arrives_upstream_with_its_id_and_the_puback_came_after_the_sqlite_commit()
    {
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstream.Port}", "--Gateway:Id=gw-e2e");
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-0042" }, boot: 17);
        await device.ConnectAsync(CancellationToken.None);

        // At the instant the device receives its PUBACK, look into the gateway's SQLite file from outside.
        var committedAtAck = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? pressed = null;
        device.Link.PublishAcked += _ => committedAtAck.TrySetResult(IsCommitted(gateway.BufferPath, pressed!));
        Assert.False(IsCommitted(gateway.BufferPath, "pb-0042:17:1"));

        pressed = device.Press();
        Assert.Equal("pb-0042:17:1", pressed);

        Assert.True(await Eventually.WithinAsync(committedAtAck.Task, TimeSpan.FromSeconds(10), "the device's PUBACK"),
            "the PUBACK reached the device before the event was committed to SQLite");

        var (topic, payload) = await subscriber.WaitForAsync(
            (_, p) => Encoding.UTF8.GetString(p).Contains(pressed, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var json = JsonDocument.Parse(payload).RootElement;
        Assert.Equal("edge/gw-e2e/pb-0042/panic", topic);
        Assert.Equal(pressed, json.GetProperty("id").GetString());
        Assert.Equal("P0", json.GetProperty("prio").GetString());
        Assert.Equal(17, json.GetProperty("evt").GetProperty("boot").GetInt64());
        Assert.Equal(1, json.GetProperty("evt").GetProperty("seq").GetInt64());
        await Eventually.TrueAsync(() => device.Led.Current == LedState.Delivered, TimeSpan.FromSeconds(5), "the LED to show delivered");
    }

    [Fact]
    public async Task A_stalled_upstream_is_detected_and_the_events_are_delivered_once_it_recovers()
    {
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstream.Port}",
            "--Uplink:Mqtt:AckTimeout=00:00:00.500", "--Uplink:Mqtt:ConnectTimeout=00:00:01", // a stopped broker answers no CONNECT either
            "--Forwarder:RetryMin=00:00:00.050", "--Forwarder:RetryMax=00:00:00.300");
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-7" }, boot: 1);
        await device.ConnectAsync(CancellationToken.None);
        var first = device.Press();
        await subscriber.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains(first, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        upstream.Pause(); // connected, but acks nothing
        var ids = Enumerable.Range(0, 3).Select(_ => device.Press()).ToArray();
        await Eventually.TrueAsync(() => device.Machine.PendingCount == 0, TimeSpan.FromSeconds(10), "all presses acked by the gateway");
        await Eventually.TrueAsync(() => gateway.Metrics.UplinkFailureTotal > 0, TimeSpan.FromSeconds(10), "the forwarder to detect the stall");
        upstream.Resume();

        foreach (var id in ids)
            await subscriber.WaitForAsync((_, p) => Encoding.UTF8.GetString(p).Contains(id, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        // Repeated panics within the debounce window are coalesced into one update (G6), so count both.
        await Eventually.TrueAsync(() => gateway.Metrics.ForwardedTotal + gateway.Metrics.CoalescedTotal >= 4, TimeSpan.FromSeconds(10), "the buffer to drain");
    }
}
