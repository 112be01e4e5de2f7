using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.PanicButton;

public sealed class PanicButtonMachineTests
{
    private readonly DeviceRig _rig = new();
    private readonly PanicButtonMachine _machine;

    public PanicButtonMachineTests() => _machine = _rig.PanicButton();

    private void Press()
    {
        _machine.ButtonDown();
        _machine.ButtonUp();
    }

    [Fact]
    public void Button_down_publishes_a_panic_at_once()
    {
        var id = _machine.ButtonDown();
        Assert.Equal("pb-7:1:1", id);
        var (_, topic, _) = Assert.Single(_rig.Link.Published);
        Assert.Equal("sec/v1/pb-7/evt", topic);
        Assert.Equal("panic", _rig.Type(0));
        Assert.Equal(LedState.Sending, _machine.Led);
    }

    [Fact]
    public void Led_goes_sending_delivered_acknowledged_and_the_buzzer_sounds_the_ack()
    {
        var id = _machine.ButtonDown();
        _machine.ButtonUp();
        _rig.Link.Ack(_rig.Link.Published[0].Token);
        Assert.Equal(LedState.Delivered, _machine.Led);
        _rig.Link.Deliver("sec/v1/pb-7/cmd", $$"""{"cmd":"ack","id":"{{id}}"}""");
        Assert.Equal(LedState.Acknowledged, _machine.Led);
        Assert.Equal([LedState.Idle, LedState.Sending, LedState.Delivered, LedState.Acknowledged], _rig.Led.History);
        Assert.Equal([BuzzerPattern.Acknowledged], _rig.Buzzer.Played);
        Assert.Equal("cmd_result", _rig.Type(1));
        var data = _rig.Envelope(1).GetProperty("data");
        Assert.Equal("ack", data.GetProperty("cmd").GetString());
        Assert.True(data.GetProperty("ok").GetBoolean());
        Assert.Equal(id, data.GetProperty("ref").GetString());
    }

    [Fact]
    public void Five_rapid_presses_are_five_panics_with_the_next_seqs()
    {
        for (var i = 0; i < 5; i++)
        {
            Press();
            _rig.Clock.Advance(150);
            _machine.Tick();
        }
        Assert.Equal(["panic", "panic", "panic", "panic", "panic"], _rig.Types());
        for (var i = 0; i < 5; i++) Assert.Equal($"pb-7:1:{i + 1}", _rig.Id(i));
    }

    [Fact]
    public void Holding_ten_seconds_sends_one_cancel_for_the_alarm()
    {
        var id = _machine.ButtonDown();
        _rig.Clock.Advance(9_900);
        _machine.Tick();
        Assert.Single(_rig.Link.Published);
        _rig.Clock.Advance(100);
        _machine.Tick();
        Assert.Equal(["panic", "cancel"], _rig.Types());
        Assert.Equal(id, _rig.Envelope(1).GetProperty("data").GetProperty("ref").GetString());
        _rig.Clock.Advance(20_000);
        _machine.Tick();
        Assert.Equal(2, _rig.Link.Published.Count);
    }

    [Fact]
    public void Test_mode_turns_presses_into_tests_until_it_expires()
    {
        _machine.ArmTestMode(3 * 60_000);
        Press();
        Assert.Equal("test", _rig.Type(0));
        Assert.Contains(BuzzerPattern.Stored, _rig.Buzzer.Played);
        _rig.Clock.Advance(3 * 60_000);
        _machine.Tick();
        Assert.False(_machine.TestModeArmed);
        Press();
        Assert.Equal(["test", "panic"], _rig.Types().Where(t => t != "heartbeat"));
    }

    [Fact]
    public void A_test_press_held_long_sends_no_cancel()
    {
        _machine.ArmTestMode(60_000);
        _machine.ButtonDown();
        _rig.Clock.Advance(12_000);
        _machine.Tick();
        Assert.Equal(["test"], _rig.Types());
    }

    [Fact]
    public void The_test_mode_command_arms_for_the_given_minutes_and_rejects_bad_values()
    {
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"test_mode","minutes":2}""");
        Assert.True(_machine.TestModeArmed);
        _rig.Clock.Advance(119_000);
        Press();
        _rig.Clock.Advance(1_000);
        Press();
        _rig.Link.Deliver("sec/v1/pb-7/cmd", """{"cmd":"test_mode","minutes":"lots"}""");
        Assert.Equal(["cmd_result", "test", "panic", "cmd_result"], _rig.Types());
        Assert.True(_rig.Envelope(0).GetProperty("data").GetProperty("ok").GetBoolean());
        Assert.False(_rig.Envelope(3).GetProperty("data").GetProperty("ok").GetBoolean());
        Assert.False(_machine.TestModeArmed);
    }

    [Fact]
    public void A_periodic_test_report_goes_out_once_a_day()
    {
        var rig = new DeviceRig();
        var machine = rig.PanicButton(new PanicButtonSettings { HeartbeatMs = 0 });
        rig.Clock.Advance(24L * 3600 * 1000 - 1);
        machine.Tick();
        Assert.Empty(rig.Link.Published);
        rig.Clock.Advance(1);
        machine.Tick();
        machine.Tick();
        Assert.Equal("test", Assert.Single(rig.Types()));
        var data = rig.Envelope(0).GetProperty("data");
        Assert.Equal("periodic", data.GetProperty("reason").GetString());
        Assert.Equal("1.2.3", data.GetProperty("fw").GetString());
        rig.Clock.Advance(24L * 3600 * 1000);
        machine.Tick();
        Assert.Equal(["test", "test"], rig.Types());
    }

    [Fact]
    public void Unacked_events_are_resent_in_order_after_a_reconnect()
    {
        Press();
        Press();
        _rig.Link.Drop();
        Assert.Equal(LedState.Failing, _machine.Led);
        Press(); // while offline: kept
        Assert.Equal(2, _rig.Link.Published.Count);
        _rig.Link.Restore();
        Assert.Equal(5, _rig.Link.Published.Count);
        Assert.Equal(["pb-7:1:1", "pb-7:1:2", "pb-7:1:3"], Enumerable.Range(2, 3).Select(_rig.Id));
        foreach (var p in _rig.Link.Published.Skip(2)) _rig.Link.Ack(p.Token);
        Assert.Equal(0, _machine.PendingCount);
        Assert.Equal(LedState.Delivered, _machine.Led);
        Assert.Contains(BuzzerPattern.Failing, _rig.Buzzer.Played);
    }

    [Fact]
    public void A_malformed_command_changes_nothing_but_is_answered()
    {
        _machine.ButtonDown();
        _rig.Link.Ack(_rig.Link.Published[0].Token);
        _rig.Link.Deliver("sec/v1/pb-7/cmd", "{\"cmd\":\"ack\"");
        _rig.Link.Deliver("sec/v1/pb-7/cmd", "\u0000\u0001garbage");
        _rig.Link.Deliver("sec/v1/pb-8/cmd", "{\"cmd\":\"ack\"}");
        Assert.Equal(LedState.Delivered, _machine.Led);
        Assert.Equal(["panic", "cmd_result", "cmd_result"], _rig.Types());
        Assert.False(_rig.Envelope(1).GetProperty("data").GetProperty("ok").GetBoolean());
    }
}
