namespace EdgeGateway.Gpio.Tests;

public sealed class SirenTests : IDisposable
{
    private readonly PanelRig _rig = new();

    [Fact]
    public void An_unacknowledged_panic_sounds_the_siren_in_its_pattern_until_the_maximum_sounding_time()
    {
        Assert.False(_rig.Siren);
        _rig.Panic("pb-1");
        Assert.True(_rig.Siren);

        _rig.Advance(999);
        Assert.True(_rig.Siren);
        _rig.Advance(1);
        Assert.False(_rig.Siren); // 1 s on, then 0.5 s off
        _rig.Advance(500);
        Assert.True(_rig.Siren);

        _rig.Advance(10_000 - 1_500 - 1);
        Assert.True(_rig.Panel.Siren.Sounding);
        _rig.Advance(1);
        Assert.False(_rig.Siren);
        Assert.False(_rig.Panel.Siren.Sounding);
        _rig.Advance(60_000);
        Assert.False(_rig.Siren);
        Assert.Single(_rig.Alarms.Current()); // still unacknowledged: the red LED keeps showing it
    }

    [Fact]
    public async Task A_cloud_ack_through_command_handling_silences_the_siren()
    {
        var id = _rig.Panic("pb-1");
        Assert.True(_rig.Siren);

        var reply = await _rig.CloudAsync($$"""{"cmd":"ack","id":"{{id}}","by":"dispatch-3"}""");

        Assert.True(reply.IsSuccess, reply.Json);
        Assert.False(_rig.Siren);
        Assert.Empty(_rig.Alarms.Current());
        _rig.Advance(5_000);
        Assert.False(_rig.Siren);
    }

    [Fact]
    public async Task An_ack_for_another_devices_alarm_leaves_the_siren_sounding()
    {
        _rig.Panic("pb-1");
        var other = _rig.Panic("pb-2");
        await _rig.CloudAsync($$"""{"cmd":"ack","id":"{{other}}"}""");

        Assert.True(_rig.Siren);
        Assert.Equal("pb-1", Assert.Single(_rig.Alarms.Current()).Device);
    }

    [Fact]
    public void A_console_silence_quiets_the_siren_and_a_new_alarm_sounds_again()
    {
        _rig.Panic("pb-1");
        _rig.Alarms.Silence("console");
        Assert.False(_rig.Siren);

        _rig.Panic("pb-2");
        Assert.True(_rig.Siren);
    }

    [Fact]
    public void An_active_low_relay_is_driven_low_to_sound_and_high_at_rest()
    {
        using var rig = new PanelRig(o => o.Siren.ActiveLow = true);
        Assert.True(rig.Driver.IsHigh(rig.Options.Siren.Pin));

        rig.Panic("pb-1");

        Assert.False(rig.Driver.IsHigh(rig.Options.Siren.Pin));
    }

    [Fact]
    public void Stopping_the_gateway_switches_a_sounding_siren_off()
    {
        using var rig = new PanelRig();
        rig.Panic("pb-1");
        Assert.True(rig.Siren);

        rig.Panel.Dispose();

        Assert.False(rig.Driver.IsHigh(rig.Options.Siren.Pin));
    }

    public void Dispose() => _rig.Dispose();
}
