using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.Device;

public sealed class RebootPersistenceTests
{
    private readonly DeviceRig _rig = new();

    [Fact]
    public void Unacked_alarms_survive_a_reboot_and_go_out_first_with_their_old_ids()
    {
        var before = _rig.PanicButton();
        _rig.Link.Drop();
        var p1 = before.ButtonDown();
        before.ButtonUp();
        _rig.Sensors.TamperOpen = true;
        before.Tick();
        _rig.Clock.Advance(60_000);
        before.Tick(); // heartbeat: telemetry, not kept across a reboot
        var p2 = before.ButtonDown();
        Assert.Empty(_rig.Link.Published);

        // Power cycle: a new machine on the same flash.
        _rig.Link.Restore(); // no listener change yet matters: the old machine resends, then we drop it
        _rig.Link.Published.Clear();
        var after = _rig.PanicButton();
        Assert.Equal(2, after.Boot);
        Assert.Equal(3, after.PendingCount);
        var boot = after.Start();
        Assert.Equal("pb-7:2:1", boot);
        Assert.Equal(["panic", "tamper", "panic", "boot"], _rig.Types());
        Assert.Equal([p1, "pb-7:1:2", p2, boot], Enumerable.Range(0, 4).Select(_rig.Id));
    }

    [Fact]
    public void Acked_alarms_are_removed_from_flash_and_ids_never_repeat_across_reboots()
    {
        var ids = new HashSet<string>();
        for (var boot = 1; boot <= 3; boot++)
        {
            _rig.Link.Published.Clear();
            var machine = _rig.PanicButton();
            Assert.Equal(boot, machine.Boot);
            Assert.Equal(0, machine.PendingCount);
            Assert.True(ids.Add(machine.Start()));
            Assert.True(ids.Add(machine.ButtonDown()));
            machine.ButtonUp();
            _rig.AckAll();
            Assert.Equal(0, machine.PendingCount);
        }
        Assert.False(_rig.Flash.Records.ContainsKey("outbox"));
        Assert.Equal("3", System.Text.Encoding.ASCII.GetString(_rig.Flash.Records["boot"]));
    }

    [Fact]
    public void Offline_events_wait_until_the_link_returns_and_keep_their_timestamp()
    {
        var machine = _rig.PanicButton();
        _rig.Link.Drop();
        var tsAtPress = _rig.Clock.UnixMs;
        machine.ButtonDown();
        Assert.Equal(LedState.Failing, machine.Led);
        _rig.Clock.Advance(300_000);
        _rig.Link.Restore();
        Assert.Equal(tsAtPress, _rig.Envelope(0).GetProperty("ts").GetInt64());
        Assert.Equal(LedState.Sending, machine.Led);
    }

    [Fact]
    public void A_corrupt_boot_counter_stops_the_start_instead_of_reusing_ids()
    {
        _rig.Flash.Records["boot"] = "12x"u8.ToArray();
        Assert.ThrowsAny<Exception>(() => _rig.PanicButton());
    }
}
