using System.Text;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Core.Commands;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.EndToEnd.Tests.Devices;

/// <summary>
/// Virtual panic buttons and beacons (the firmware core's .NET build over a real MQTT link) against the real
/// in-process gateway: every device event type reaches the file uplink with the id the device gave it.
/// One device per event type, so the gateway's per-device coalescing cannot hide one behind another.
/// </summary>
public sealed class EveryDeviceEventTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static MqttLinkOptions Link(InProcessGateway gw, string id) => new() { Port = gw.Port, DeviceId = id };

    private static async Task CommandAsync(InProcessGateway gw, string device, string json)
    {
        var now = DateTimeOffset.UtcNow;
        var command = new DeviceCommand("test-" + Guid.NewGuid().ToString("N"), device, "test", Encoding.UTF8.GetBytes(json), now, now.AddMinutes(1));
        var outcome = await gw.Services.GetRequiredService<IDeviceCommandChannel>().SendAsync(command, CancellationToken.None);
        Assert.True(outcome is DeliveryOutcome.Delivered or DeliveryOutcome.Queued, "the command was refused: " + outcome);
    }

    [Fact]
    public async Task Every_device_event_type_arrives_upstream_with_its_id()
    {
        await using var gw = await InProcessGateway.StartAsync();
        var uplink = new UplinkFile(Path.Combine(gw.DataDirectory, "uplink.jsonl"));
        using var state = new TempDir();
        var clock = new ShiftableClock();

        await using var booter = new VirtualPanicButton(Link(gw, "pb-boot"), new FileFlashStore(state.Path, "pb-boot"));
        var bootId = await booter.StartAsync(CancellationToken.None);

        await using var presser = new VirtualPanicButton(Link(gw, "pb-panic"), boot: 4);
        await presser.ConnectAsync(CancellationToken.None);
        var panicId = presser.Press();

        await using var holder = new VirtualPanicButton(Link(gw, "pb-cancel"), boot: 1, clock);
        await holder.ConnectAsync(CancellationToken.None);
        var alarm = holder.Machine.ButtonDown();
        clock.Jump(PanicButtonMachine.CancelHoldMs);

        await using var tester = new VirtualPanicButton(Link(gw, "pb-test"), boot: 1);
        await tester.ConnectAsync(CancellationToken.None);
        await CommandAsync(gw, "pb-test", """{"cmd":"test_mode","minutes":3,"id":"c-1"}""");
        await Eventually.TrueAsync(() => tester.Machine.TestModeArmed, Wait, "the test_mode command to arm test mode");
        var testId = tester.Press();

        await using var tamper = new VirtualPanicButton(Link(gw, "pb-tamper"), boot: 1);
        await tamper.ConnectAsync(CancellationToken.None);
        tamper.Sensors.TamperOpen = true;

        await using var battery = new VirtualPanicButton(Link(gw, "pb-battery"), boot: 1);
        await battery.ConnectAsync(CancellationToken.None);
        battery.Sensors.BatteryMillivolts = 3200;

        await using var beating = new VirtualPanicButton(Link(gw, "pb-beat"), MemoryFlashStore.WithNextBoot(9), settings: new PanicButtonSettings { HeartbeatMs = 200 });
        await beating.ConnectAsync(CancellationToken.None);

        await using var beacon = new VirtualBeacon(Link(gw, "cb-gate"), "gate-north", MemoryFlashStore.WithNextBoot(2));
        await beacon.ConnectAsync(CancellationToken.None);
        var checkinId = beacon.Tap([0x04, 0xA1, 0xB2, 0xC3]);

        await uplink.WaitForAsync("boot", bootId, Wait);
        var panic = await uplink.WaitForAsync("panic", panicId, Wait);
        Assert.Equal("P0", panic.GetProperty("prio").GetString());
        var cancel = await uplink.WaitForTypeAsync("cancel", "pb-cancel", Wait);
        Assert.Equal(alarm, cancel.GetProperty("evt").GetProperty("data").GetProperty("ref").GetString());
        Assert.True(UplinkFile.Carries(cancel, "pb-cancel:1:2"));
        await uplink.WaitForAsync("test", testId, Wait);
        var result = await uplink.WaitForAsync("cmd_result", "pb-test:1:1", Wait);
        Assert.Equal("c-1", result.GetProperty("evt").GetProperty("data").GetProperty("ref").GetString());
        await uplink.WaitForAsync("tamper", "pb-tamper:1:1", Wait);
        var low = await uplink.WaitForAsync("battery_low", "pb-battery:1:1", Wait);
        Assert.Equal(3200, low.GetProperty("evt").GetProperty("data").GetProperty("battery_mv").GetInt32());
        var beat = await uplink.WaitForTypeAsync("heartbeat", "pb-beat", Wait);
        Assert.Equal(9, beat.GetProperty("evt").GetProperty("boot").GetInt64());
        Assert.Equal(VersionInfo.Firmware, beat.GetProperty("evt").GetProperty("data").GetProperty("fw").GetString());
        var checkin = await uplink.WaitForAsync("checkin", checkinId, Wait);
        Assert.Equal("04A1B2C3", checkin.GetProperty("evt").GetProperty("data").GetProperty("uid").GetString());
        Assert.Equal("gate-north", checkin.GetProperty("evt").GetProperty("data").GetProperty("checkpoint").GetString());

        await CommandAsync(gw, "pb-panic", $$"""{"cmd":"ack","id":"{{panicId}}","by":"console"}""");
        await Eventually.TrueAsync(() => presser.Led.Current == LedState.Acknowledged, Wait, "the LED to show dispatch's ack");
        Assert.Contains(BuzzerPattern.Acknowledged, presser.Buzzer.History);
    }

    [Fact]
    public async Task An_alarm_pressed_offline_survives_a_reboot_and_arrives_with_its_first_id()
    {
        using var state = new TempDir();
        string alarm;
        await using (var before = new VirtualPanicButton(new MqttLinkOptions { Port = FreePort.Next(), DeviceId = "pb-reboot", AutoReconnect = false },
            new FileFlashStore(state.Path, "pb-reboot")))
        {
            alarm = before.Press(); // no gateway: stays in the flash outbox
            Assert.Equal(LedState.Failing, before.Led.Current);
        }

        await using var gw = await InProcessGateway.StartAsync();
        var uplink = new UplinkFile(Path.Combine(gw.DataDirectory, "uplink.jsonl"));
        await using var after = new VirtualPanicButton(Link(gw, "pb-reboot"), new FileFlashStore(state.Path, "pb-reboot"));
        Assert.Equal(2, after.Machine.Boot);
        var bootId = await after.StartAsync(CancellationToken.None);
        Assert.Equal("pb-reboot:2:1", bootId);

        await uplink.WaitForAsync("panic", alarm, Wait);
        await uplink.WaitForAsync("boot", bootId, Wait);
        await Eventually.TrueAsync(() => after.Machine.PendingCount == 0, Wait, "the outbox to drain");
        Assert.False(File.Exists(Path.Combine(state.Path, "pb-reboot.outbox")));
    }

    [Fact]
    public async Task The_reboot_command_restarts_the_device_with_the_next_boot_number()
    {
        await using var gw = await InProcessGateway.StartAsync();
        var uplink = new UplinkFile(Path.Combine(gw.DataDirectory, "uplink.jsonl"));
        using var state = new TempDir();
        var clock = new ShiftableClock();
        await using var device = new VirtualPanicButton(Link(gw, "pb-reboot-cmd"), new FileFlashStore(state.Path, "pb-reboot-cmd"), clock);
        var rebooted = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Rebooted += b => rebooted.TrySetResult(b);
        await device.StartAsync(CancellationToken.None);

        await CommandAsync(gw, "pb-reboot-cmd", """{"cmd":"reboot"}""");
        var result = await uplink.WaitForAsync("cmd_result", "pb-reboot-cmd:1:2", Wait);
        Assert.True(result.GetProperty("evt").GetProperty("data").GetProperty("ok").GetBoolean());
        clock.Jump(2_000);

        Assert.Equal(2, await Eventually.WithinAsync(rebooted.Task, Wait, "the device to restart"));
        await uplink.WaitForAsync("boot", "pb-reboot-cmd:2:1", Wait);
        Assert.Equal("pb-reboot-cmd:2:2", device.Press());
        await uplink.WaitForAsync("panic", "pb-reboot-cmd:2:2", Wait);
    }
}
