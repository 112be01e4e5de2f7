using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Alarms;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Status;

namespace EdgeGateway.Gpio;

/// <summary>
/// Shows <see cref="StatusLightPolicy"/> on the green, amber and red LEDs: refreshed each second from the uplink's
/// state, the age of the oldest waiting event and the unacknowledged alarms, and at once when an alarm changes.
/// Amber blinks on a timer of its own. The self-test takes the LEDs over for a moment (<see cref="Hold"/>).
/// </summary>
internal sealed class StatusLeds : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly PanelPins _pins;
    private readonly ILocalAlarms _alarms;
    private readonly IUplink _uplink;
    private readonly IEventBuffer _buffer;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly ITimer _blink;
    private TimeSpan? _oldestWaiting;
    private TimeSpan? _blinkHalfPeriod;
    private bool _amberOn;
    private bool _held;

    public StatusLeds(PanelPins pins, ILocalAlarms alarms, IUplink uplink, IEventBuffer buffer, TimeProvider time)
    {
        _pins = pins;
        _alarms = alarms;
        _uplink = uplink;
        _buffer = buffer;
        _time = time;
        _blink = time.CreateTimer(_ => Blink(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _alarms.Changed += Show;
    }

    /// <summary>What the LEDs show now (also the console's view of them).</summary>
    public StatusLights Current => StatusLightPolicy.Decide(_uplink.State, _oldestWaiting, _alarms.Current().Count > 0);

    /// <summary>Reads the backlog's age, then shows the lights.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var oldest = await _buffer.PeekAsync(1, cancellationToken).ConfigureAwait(false);
        _oldestWaiting = oldest.Count == 0 ? null : _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(oldest[0].ReceivedAtMs);
        Show();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, _time);
        do
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Takes the LEDs over (self-test) until <see cref="Release"/>; the lights are then shown again.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _held = true;
            _blink.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _blinkHalfPeriod = null;
        }
    }

    public void Release()
    {
        lock (_gate) _held = false;
        Show();
    }

    private void Show()
    {
        var lights = Current;
        lock (_gate)
        {
            if (_held) return;
            _pins.Set(PanelOutput.Green, lights.Green);
            _pins.Set(PanelOutput.Red, lights.Red);
            if (lights.AmberBlinkHalfPeriod is { } half)
            {
                if (_blinkHalfPeriod == half) return;
                _blinkHalfPeriod = half;
                _blink.Change(half, half);
                return;
            }
            _blinkHalfPeriod = null;
            _blink.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _amberOn = lights.Amber;
            _pins.Set(PanelOutput.Amber, lights.Amber);
        }
    }

    private void Blink()
    {
        lock (_gate)
        {
            if (_held || _blinkHalfPeriod is null) return;
            _amberOn = !_amberOn;
            _pins.Set(PanelOutput.Amber, _amberOn);
        }
    }

    public void Dispose()
    {
        _alarms.Changed -= Show;
        _blink.Dispose();
    }
}
