using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;

namespace EdgeGateway.Gpio.Tests;

public sealed class StatusLedTests : IDisposable
{
    private readonly PanelRig _rig = new();

    private Task RefreshAsync() => _rig.Panel.Leds.RefreshAsync(CancellationToken.None);

    private void Waiting(TimeSpan age) =>
        _rig.Buffer.Waiting.Add(new BufferedEvent(1, "pb-1:1:1", "pb-1", "checkin", PriorityClass.P2,
            (_rig.Time.GetUtcNow() - age).ToUnixTimeMilliseconds(), ReadOnlyMemory<byte>.Empty));

    /// <summary>How long amber stays in one state, measured on the fake clock over a few toggles.</summary>
    private TimeSpan AmberHalfPeriod()
    {
        var start = _rig.Amber;
        var elapsed = 0;
        while (_rig.Amber == start && elapsed < 5_000)
        {
            _rig.Advance(5);
            elapsed += 5;
        }
        var from = _rig.Time.GetUtcNow();
        var state = _rig.Amber;
        while (_rig.Amber == state && elapsed < 10_000)
        {
            _rig.Advance(5);
            elapsed += 5;
        }
        return _rig.Time.GetUtcNow() - from;
    }

    [Fact]
    public async Task Green_alone_when_the_uplink_is_up_and_nothing_waits()
    {
        await RefreshAsync();

        Assert.True(_rig.Green);
        Assert.False(_rig.Amber);
        Assert.False(_rig.Red);
    }

    [Fact]
    public async Task Amber_steady_when_the_uplink_is_down()
    {
        _rig.Uplink.State = UplinkState.Disconnected;
        await RefreshAsync();
        _rig.Advance(3_000);

        Assert.False(_rig.Green);
        Assert.True(_rig.Amber);
    }

    [Fact]
    public async Task Amber_blinks_faster_as_the_backlog_ages()
    {
        _rig.Uplink.State = UplinkState.Disconnected;
        Waiting(TimeSpan.FromSeconds(30));
        await RefreshAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), AmberHalfPeriod());

        _rig.Buffer.Waiting.Clear();
        Waiting(TimeSpan.FromMinutes(5));
        await RefreshAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(500), AmberHalfPeriod());

        _rig.Buffer.Waiting.Clear();
        Waiting(TimeSpan.FromHours(2));
        await RefreshAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(125), AmberHalfPeriod());
        Assert.False(_rig.Green);
    }

    [Fact]
    public async Task Red_at_once_for_an_unacknowledged_alarm_and_green_back_after_the_ack()
    {
        await RefreshAsync();
        var id = _rig.Panic("pb-1");
        Assert.True(_rig.Red); // without waiting for the next refresh
        Assert.False(_rig.Green);

        await _rig.CloudAsync($$"""{"cmd":"ack","id":"{{id}}"}""");

        Assert.False(_rig.Red);
        Assert.True(_rig.Green);
    }

    public void Dispose() => _rig.Dispose();
}
