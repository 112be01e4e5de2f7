using EdgeGateway.EndToEnd.Tests.Devices;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.Supervision;

/// <summary>
/// G8 with real parts: a registered virtual panic button (the firmware core over a real MQTT link, authenticated)
/// heartbeats every 300 ms; the gateway supervises panic buttons at a 1 s interval. The device goes silent (its
/// process and connection gone), and <c>device_offline</c> reaches the uplink file no earlier than 3 s after its
/// last sign of life; the device comes back, and <c>device_online</c> follows.
/// </summary>
public sealed class DeviceOfflineTests
{
    private const string Id = "pb-sv1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_device_that_stops_its_heartbeats_is_reported_offline_after_three_intervals_and_online_when_back()
    {
        await using var gw = await InProcessGateway.StartWithAuthAsync(
            "--Supervision:HeartbeatIntervals:panic-button=00:00:01", "--Supervision:CheckInterval=00:00:00.100");
        var secret = SecretHasher.NewSecret();
        gw.Registry.Add(Id, "panic-button", "test", null, secret, DateTimeOffset.UtcNow);
        var uplink = new UplinkFile(Path.Combine(gw.DataDirectory, "uplink.jsonl"));
        var link = new MqttLinkOptions { Port = gw.Port, DeviceId = Id, Secret = secret };
        var settings = new PanicButtonSettings { HeartbeatMs = 300 };

        var device = new VirtualPanicButton(link, MemoryFlashStore.WithNextBoot(1), settings: settings);
        device.Sensors.BatteryMillivolts = 3650;
        await device.ConnectAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => uplink.Lines().Any(l => l.GetProperty("type").GetString() == "heartbeat"
            && l.GetProperty("evt").GetProperty("data").GetProperty("battery_mv").GetInt32() == 3650), Wait, "a heartbeat with 3650 mV upstream");
        await device.DisposeAsync();
        var silentFrom = DateTimeOffset.UtcNow;

        var offline = await uplink.WaitForTypeAsync("device_offline", "gw-local", Wait);
        var seenOffline = DateTimeOffset.UtcNow;
        var data = offline.GetProperty("evt").GetProperty("data");
        Assert.Equal(Id, data.GetProperty("device").GetString());
        Assert.Equal(3650, data.GetProperty("battery_mv").GetInt32());
        var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds(data.GetProperty("lastSeen").GetInt64());
        Assert.InRange(lastSeen, silentFrom - TimeSpan.FromSeconds(2), silentFrom);
        var reportedAt = DateTimeOffset.FromUnixTimeMilliseconds(offline.GetProperty("evt").GetProperty("ts").GetInt64());
        Assert.InRange(reportedAt - lastSeen, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        Assert.Equal("P1", offline.GetProperty("prio").GetString());
        Assert.DoesNotContain(uplink.Lines(), l => l.GetProperty("type").GetString() == "device_online");

        await using var back = new VirtualPanicButton(link, MemoryFlashStore.WithNextBoot(2), settings: settings);
        await back.ConnectAsync(CancellationToken.None);
        var online = await uplink.WaitForTypeAsync("device_online", "gw-local", Wait);
        Assert.Equal(Id, online.GetProperty("evt").GetProperty("data").GetProperty("device").GetString());
        Assert.Equal("P2", online.GetProperty("prio").GetString());
        Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(online.GetProperty("evt").GetProperty("ts").GetInt64()) >= seenOffline - TimeSpan.FromSeconds(1));
    }
}
