using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Tests.Fakes;

namespace EdgeGateway.Firmware.Tests.PanicButton;

/// <summary>"Help is coming" shows only for an ack of the alarm the button holds (issue 12), under the fake clock.</summary>
public sealed class AckIdTests
{
    private readonly DeviceRig _rig = new();
    private readonly PanicButtonMachine _machine;

    public AckIdTests() => _machine = _rig.PanicButton();

    private string Press()
    {
        var id = _machine.ButtonDown();
        _machine.ButtonUp();
        _rig.Clock.Advance(200);
        _machine.Tick();
        return id;
    }

    private Envelope Ack(string? id)
    {
        var before = _rig.Link.Published.Count;
        _rig.Link.Deliver("sec/v1/pb-7/cmd", id is null ? """{"cmd":"ack"}""" : $$"""{"cmd":"ack","id":"{{id}}","by":"dispatcher-3"}""");
        return Envelope.Of(_rig.Link.Published[before].Payload);
    }

    [Fact]
    public void An_ack_of_a_later_panic_of_the_held_alarm_shows_help_is_coming()
    {
        var first = Press();
        var update = Press();
        _rig.AckAll();

        var result = Ack(update);

        Assert.Equal("cmd_result", result.Type);
        Assert.True(result.Data.GetProperty("ok").GetBoolean());
        Assert.Equal(LedState.Acknowledged, _machine.Led);
        Assert.Null(_machine.AlarmId);
        Assert.Equal("pb-7:1:1", first);
    }

    [Theory]
    [InlineData("pb-8:1:1")]        // another device
    [InlineData("pb-7:2:1")]        // another boot
    [InlineData("pb-7:1:9")]        // a seq the device never sent
    [InlineData("pb-7:1:x")]        // not an event id
    [InlineData(null)]              // no id at all
    public void Any_other_ack_is_answered_with_an_error_and_changes_nothing(string? id)
    {
        var alarm = Press();
        _rig.AckAll();

        var result = Ack(id);

        Assert.False(result.Data.GetProperty("ok").GetBoolean());
        Assert.Contains(alarm, result.Data.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(LedState.Delivered, _machine.Led);
        Assert.Equal(alarm, _machine.AlarmId);
        Assert.DoesNotContain(BuzzerPattern.Acknowledged, _rig.Buzzer.Played);
    }

    [Fact]
    public void An_ack_older_than_the_alarm_held_is_refused_and_a_repeat_of_the_last_ack_is_harmless()
    {
        var first = Press();
        Assert.True(Ack(first).Data.GetProperty("ok").GetBoolean());
        var second = Press();
        _rig.AckAll();

        var repeat = Ack(first);

        Assert.True(repeat.Data.GetProperty("ok").GetBoolean());
        Assert.Equal("already acknowledged", repeat.Data.GetProperty("detail").GetString());
        Assert.Equal(LedState.Delivered, _machine.Led);
        Assert.Equal(second, _machine.AlarmId);
        Assert.True(Ack(second).Data.GetProperty("ok").GetBoolean());
        Assert.Equal(LedState.Acknowledged, _machine.Led);
    }

    [Fact]
    public void An_alarm_restored_from_flash_after_a_reboot_can_still_be_acknowledged()
    {
        _rig.Link.Drop();
        var alarm = Press();
        _rig.Link.Restore();

        var rebooted = _rig.PanicButton();
        rebooted.Start();

        Assert.Equal(alarm, rebooted.AlarmId);
        _rig.Link.Deliver("sec/v1/pb-7/cmd", $$"""{"cmd":"ack","id":"{{alarm}}"}""");
        Assert.Equal(LedState.Acknowledged, rebooted.Led);
    }

    [Fact]
    public void A_beacon_holds_no_alarm_and_refuses_every_ack()
    {
        var beacon = _rig.Beacon();
        _rig.Link.Deliver("sec/v1/cb-1/cmd", """{"cmd":"ack","id":"cb-1:1:1"}""");

        var result = Envelope.Of(_rig.Link.Published[^1].Payload);
        Assert.False(result.Data.GetProperty("ok").GetBoolean());
        Assert.NotEqual(LedState.Acknowledged, beacon.Led);
    }
}
