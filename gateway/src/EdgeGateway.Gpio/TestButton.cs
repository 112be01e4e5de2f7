using EdgeGateway.Core.Alarms;

namespace EdgeGateway.Gpio;

/// <summary>
/// The test/silence button, debounced: released before <see cref="ButtonOptions.HoldForSelfTest"/> it silences
/// the siren; held that long it starts the self-test (at the moment the hold is reached, not on release).
/// </summary>
internal sealed class TestButton : IDisposable
{
    private readonly DebouncedInput _input;
    private readonly ILocalAlarms _alarms;
    private readonly Action _selfTest;
    private readonly TimeSpan _hold;
    private readonly ITimer _holdTimer;
    private readonly object _gate = new();
    private bool _held;

    public TestButton(PanelPins pins, ButtonOptions options, ILocalAlarms alarms, Action selfTest, TimeProvider time)
    {
        _alarms = alarms;
        _selfTest = selfTest;
        _hold = options.HoldForSelfTest;
        _holdTimer = time.CreateTimer(_ => Held(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _input = new DebouncedInput(() => pins.ButtonPressed, options.Debounce, time, Changed);
        pins.OnButtonEdge(_input.Edge);
    }

    private void Changed(bool pressed)
    {
        bool shortPress;
        lock (_gate)
        {
            if (pressed)
            {
                _held = false;
                _holdTimer.Change(_hold, Timeout.InfiniteTimeSpan);
                return;
            }
            _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            shortPress = !_held;
        }
        if (shortPress) _alarms.Silence("button");
    }

    private void Held()
    {
        lock (_gate)
        {
            if (!_input.Stable || _held) return;
            _held = true;
        }
        _selfTest();
    }

    public void Dispose()
    {
        _holdTimer.Dispose();
        _input.Dispose();
    }
}
