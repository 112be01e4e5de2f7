using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Devices;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Core.Tests.Devices;

public sealed class DeviceVitalsTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    private static EventEnvelope Event(string device, string type, string data) => new(1, device, 1, 1, type, 0, true, data);

    [Fact]
    public void A_heartbeat_gives_battery_rssi_firmware_uptime_and_its_time_and_boot_and_battery_low_update_theirs()
    {
        var tracker = new DeviceVitalsTracker(_time);
        tracker.OnAccepted(Event("pb-1", EventTypes.Heartbeat, """{"battery_mv":3912,"rssi":-58,"fw":"1.2.0","uptime_s":3600,"dropped":0}"""), AppendOutcome.Stored);
        Assert.Equal(new DeviceVitals(3912, -58, "1.2.0", 3600, _time.GetUtcNow()), tracker.Find("pb-1"));

        _time.Advance(TimeSpan.FromMinutes(5));
        tracker.OnAccepted(Event("pb-1", EventTypes.BatteryLow, """{"battery_mv":3350,"threshold_mv":3400}"""), AppendOutcome.Stored);
        tracker.OnAccepted(Event("pb-1", EventTypes.Boot, """{"fw":"1.3.0","restored":2}"""), AppendOutcome.Stored);
        var after = tracker.Find("pb-1")!;
        Assert.Equal((3350, -58, "1.3.0"), (after.BatteryMv!.Value, after.Rssi!.Value, after.Firmware));
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(5), after.HeartbeatAt);

        tracker.OnAccepted(Event("pb-2", EventTypes.Panic, """{"battery_mv":3000}"""), AppendOutcome.Stored);
        Assert.Null(tracker.Find("pb-2"));
    }

    [Theory]
    [InlineData("""{"battery_mv":"3900","rssi":true,"fw":42}""")]
    [InlineData("""{"battery_mv":99999999999,"fw":"a-firmware-version-longer-than-32-chars"}""")]
    [InlineData("""{"nested":{"battery_mv":3900}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"battery_mv":""")]
    public void Malformed_or_out_of_range_values_are_left_out_and_never_throw(string data)
    {
        var tracker = new DeviceVitalsTracker(_time);
        tracker.OnAccepted(Event("pb-1", EventTypes.Heartbeat, data), AppendOutcome.Stored);
        var v = tracker.Find("pb-1")!;
        Assert.Equal((null, null, null), (v.BatteryMv, v.Rssi, v.Firmware));
        Assert.Equal(_time.GetUtcNow(), v.HeartbeatAt);
    }

    [Fact]
    public void At_most_MaxDevices_devices_are_kept_and_known_ones_still_update()
    {
        var tracker = new DeviceVitalsTracker(_time);
        for (var i = 0; i < DeviceVitalsTracker.MaxDevices + 10; i++)
            tracker.OnAccepted(Event("d-" + i, EventTypes.Heartbeat, """{"battery_mv":4000}"""), AppendOutcome.Stored);
        Assert.Equal(DeviceVitalsTracker.MaxDevices, tracker.Snapshot().Count);
        Assert.Null(tracker.Find("d-" + DeviceVitalsTracker.MaxDevices));
        tracker.OnAccepted(Event("d-0", EventTypes.Heartbeat, """{"battery_mv":3500}"""), AppendOutcome.Stored);
        Assert.Equal(3500, tracker.Find("d-0")!.BatteryMv);
    }
}
