using EdgeGateway.Contracts.Envelope;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.Fakes;

namespace EdgeGateway.Gpio.Tests;

public sealed class ButtonTests : IDisposable
{
    private readonly PanelRig _rig = new();

    [Fact]
    public void A_short_press_silences_the_siren_but_the_alarm_stays_unacknowledged()
    {
        _rig.Panic("pb-1");
        _rig.Button(pressed: true);
        _rig.Advance(30);
        Assert.True(_rig.Siren); // silenced on release, not on press
        _rig.Advance(300);

        _rig.Button(pressed: false);
        _rig.Advance(30);

        Assert.False(_rig.Siren);
        Assert.True(Assert.Single(_rig.Alarms.Current()).Silenced);
    }

    [Fact]
    public void Contact_bounce_alone_is_no_press()
    {
        _rig.Panic("pb-1");
        var pin = _rig.Options.Button.Pin;
        for (var i = 0; i < 5; i++)
        {
            _rig.Driver.Drive(pin, high: false);
            _rig.Advance(5);
            _rig.Driver.Drive(pin, high: true);
            _rig.Advance(5);
        }
        _rig.Advance(100);

        Assert.True(_rig.Siren);
        Assert.False(Assert.Single(_rig.Alarms.Current()).Silenced);
    }

    [Fact]
    public async Task A_three_second_hold_runs_the_self_test_instead_of_silencing()
    {
        _rig.Panic("pb-1");
        _rig.Button(pressed: true);
        _rig.Advance(30 + 2_999);
        Assert.Empty(_rig.Buffer.OfType(EventTypes.Test));

        _rig.Advance(1);
        await Eventually.TrueAsync(() =>
        {
            _rig.Advance(50);
            return _rig.Buffer.OfType(EventTypes.Test).Count == 1;
        }, TimeSpan.FromSeconds(10), "the self-test's test event");
        _rig.Button(pressed: false);
        _rig.Advance(30);

        var data = RecordingBuffer.Data(Assert.Single(_rig.Buffer.OfType(EventTypes.Test)));
        Assert.Equal("button", data.GetProperty("source").GetString());
        Assert.False(Assert.Single(_rig.Alarms.Current()).Silenced); // the hold did not also count as a short press
    }

    public void Dispose() => _rig.Dispose();
}
