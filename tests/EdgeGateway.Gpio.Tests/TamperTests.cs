using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.TestInfra.Fakes;

namespace EdgeGateway.Gpio.Tests;

public sealed class TamperTests : IDisposable
{
    private readonly PanelRig _rig = new();

    private List<string?> States() =>
        _rig.Buffer.OfType(EventTypes.GatewayTamper).Select(e => RecordingBuffer.Data(e).GetProperty("state").GetString()).ToList();

    [Fact]
    public async Task Opening_the_enclosure_sends_gateway_tamper_and_closing_it_a_restore()
    {
        var pin = _rig.Options.Tamper.Pin;
        _rig.Driver.Drive(pin, high: true);
        _rig.Advance(49);
        Assert.Empty(States());
        _rig.Advance(1);
        await _rig.Panel.Events.Drained;
        Assert.Equal(["open"], States());

        _rig.Driver.Drive(pin, high: false);
        _rig.Advance(50);
        await _rig.Panel.Events.Drained;

        Assert.Equal(["open", "closed"], States());
        Assert.All(_rig.Buffer.OfType(EventTypes.GatewayTamper), e => Assert.Equal(PriorityClass.P1, Priorities.Of(e.Type)));
    }

    [Fact]
    public async Task A_bouncing_switch_that_ends_where_it_started_reports_nothing()
    {
        var pin = _rig.Options.Tamper.Pin;
        for (var i = 0; i < 4; i++)
        {
            _rig.Driver.Drive(pin, high: true);
            _rig.Advance(10);
            _rig.Driver.Drive(pin, high: false);
            _rig.Advance(10);
        }
        _rig.Advance(200);
        await _rig.Panel.Events.Drained;

        Assert.Empty(States());
    }

    [Fact]
    public async Task An_enclosure_already_open_at_start_is_reported_once()
    {
        using var rig = new PanelRig(lidShut: false);
        rig.Advance(1_000);
        await rig.Panel.Events.Drained;

        var open = Assert.Single(rig.Buffer.OfType(EventTypes.GatewayTamper));
        Assert.Equal("open", RecordingBuffer.Data(open).GetProperty("state").GetString());
    }

    public void Dispose() => _rig.Dispose();
}
