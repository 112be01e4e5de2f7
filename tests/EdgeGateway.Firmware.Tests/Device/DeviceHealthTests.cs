using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.Device;

public sealed class DeviceHealthTests
{
    private readonly DeviceRig _rig = new();

    [Fact]
    public void Start_sends_a_boot_event_once_with_the_firmware_version()
    {
        var machine = _rig.PanicButton();
        Assert.Equal("pb-7:1:1", machine.Start());
        Assert.Null(machine.Start());
        Assert.Equal("boot", Assert.Single(_rig.Types()));
        Assert.Equal("1.2.3", _rig.Envelope(0).GetProperty("data").GetProperty("fw").GetString());
    }

    [Fact]
    public void Heartbeat_carries_battery_rssi_firmware_and_uptime_at_the_configured_period()
    {
        var machine = _rig.PanicButton();
        _rig.Clock.Advance(59_999);
        machine.Tick();
        Assert.Empty(_rig.Link.Published);
        _rig.Clock.Advance(1);
        machine.Tick();
        var data = _rig.Envelope(0).GetProperty("data");
        Assert.Equal("heartbeat", _rig.Type(0));
        Assert.Equal(4000, data.GetProperty("battery_mv").GetInt32());
        Assert.Equal(-61, data.GetProperty("rssi").GetInt32());
        Assert.Equal("1.2.3", data.GetProperty("fw").GetString());
        Assert.Equal(60, data.GetProperty("uptime_s").GetInt64());

        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"config","heartbeat":30}""");
        Assert.Equal(30_000, machine.HeartbeatMs);
        _rig.Clock.Advance(30_000);
        machine.Tick();
        Assert.Equal(["heartbeat", "cmd_result", "heartbeat"], _rig.Types());
    }

    [Fact]
    public void A_bad_config_is_refused_and_changes_nothing()
    {
        var machine = _rig.PanicButton();
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"config","heartbeat":1}""");
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"config"}""");
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"selfdestruct"}""");
        Assert.Equal(60_000, machine.HeartbeatMs);
        Assert.All(Enumerable.Range(0, 3), i => Assert.False(_rig.Envelope(i).GetProperty("data").GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public void Opening_the_enclosure_sends_one_tamper_until_it_is_closed_again()
    {
        var machine = _rig.PanicButton();
        _rig.Sensors.TamperOpen = true;
        machine.Tick();
        machine.Tick();
        _rig.Sensors.TamperOpen = false;
        machine.Tick();
        _rig.Sensors.TamperOpen = true;
        machine.Tick();
        Assert.Equal(["tamper", "tamper"], _rig.Types());
    }

    [Fact]
    public void A_low_battery_is_reported_once_and_again_only_after_recovering_past_the_hysteresis()
    {
        var machine = _rig.PanicButton();
        _rig.Sensors.BatteryMillivolts = 3300;
        machine.Tick();
        machine.Tick();
        _rig.Sensors.BatteryMillivolts = 3450; // above threshold, inside hysteresis
        machine.Tick();
        _rig.Sensors.BatteryMillivolts = 3390;
        machine.Tick();
        Assert.Equal("battery_low", Assert.Single(_rig.Types()));
        Assert.Equal(3300, _rig.Envelope(0).GetProperty("data").GetProperty("battery_mv").GetInt32());
        _rig.Sensors.BatteryMillivolts = 3600;
        machine.Tick();
        _rig.Sensors.BatteryMillivolts = 3300;
        machine.Tick();
        Assert.Equal(["battery_low", "battery_low"], _rig.Types());
    }

    [Fact]
    public void Locate_beeps_and_reboot_restarts_after_the_result_is_sent()
    {
        var machine = _rig.PanicButton();
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"locate"}""");
        Assert.Contains(Core.Seams.BuzzerPattern.Locate, _rig.Buzzer.Played);
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"reboot"}""");
        Assert.Equal(["cmd_result", "cmd_result"], _rig.Types());
        machine.Tick();
        Assert.Equal(0, _rig.Reboots.Count);
        _rig.Clock.Advance(2_000);
        machine.Tick();
        machine.Tick();
        Assert.Equal(1, _rig.Reboots.Count);
    }
}
