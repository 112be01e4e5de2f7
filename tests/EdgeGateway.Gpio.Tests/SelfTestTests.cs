using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.Fakes;

namespace EdgeGateway.Gpio.Tests;

public sealed class SelfTestTests : IDisposable
{
    private readonly PanelRig _rig = new();

    [Fact]
    public async Task The_cloud_sirenTest_runs_the_self_test_chirp_then_every_LED_alone_then_a_test_event()
    {
        await _rig.Panel.Leds.RefreshAsync(CancellationToken.None);
        var reply = _rig.Commands.InvokeMethodAsync("sirenTest", """{"seconds":2}"""u8.ToArray(), "cloud", CancellationToken.None);
        await Eventually.TrueAsync(() =>
        {
            _rig.Advance(50);
            return reply.IsCompleted;
        }, TimeSpan.FromSeconds(10), "the sirenTest reply");

        Assert.Equal(CommandStatus.Ok, (await reply).Status);
        var writes = _rig.Driver.Writes;
        var sirenOn = writes.First(w => w.Pin == _rig.Options.Siren.Pin && w.High);
        var sirenOff = writes.First(w => w.Pin == _rig.Options.Siren.Pin && !w.High && w.At > sirenOn.At);
        Assert.Equal(TimeSpan.FromSeconds(2), sirenOff.At - sirenOn.At);
        var ledsOn = writes.Where(w => w.High && w.At >= sirenOff.At && w.Pin != _rig.Options.Siren.Pin).Select(w => w.Pin).Distinct().ToList();
        Assert.Equal([_rig.Options.GreenLed.Pin, _rig.Options.AmberLed.Pin, _rig.Options.RedLed.Pin], ledsOn.Take(3));
        var test = RecordingBuffer.Data(Assert.Single(_rig.Buffer.OfType(EventTypes.Test)));
        Assert.Equal("cloud", test.GetProperty("source").GetString());
        Assert.Equal(2000, test.GetProperty("sirenMs").GetInt64());
        Assert.True(_rig.Green); // the status is shown again
        Assert.False(_rig.Red);
        Assert.False(_rig.Siren);
    }

    public void Dispose() => _rig.Dispose();
}
