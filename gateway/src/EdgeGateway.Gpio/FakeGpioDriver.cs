using System.Device.Gpio;

namespace EdgeGateway.Gpio;

/// <summary>
/// A <see cref="GpioDriver"/> without hardware (<c>Gpio:Driver=fake</c>, and the tests): it records every write with
/// its time, keeps each input's level (pull-ups read high until a test drives them), and <see cref="Drive"/> injects
/// an edge exactly as the kernel would report it, calling the registered callbacks.
/// </summary>
public sealed class FakeGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];
    private readonly List<PinWrite> _writes = [];

    public FakeGpioDriver(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>One recorded write.</summary>
    public sealed record PinWrite(int Pin, bool High, DateTimeOffset At);

    public IReadOnlyList<PinWrite> Writes { get { lock (_gate) return [.. _writes]; } }

    /// <summary>The pin's current level (what was last written or driven).</summary>
    public bool IsHigh(int pin)
    {
        lock (_gate) return _levels.TryGetValue(pin, out var v) && v == PinValue.High;
    }

    public PinMode ModeOf(int pin)
    {
        lock (_gate) return _modes[pin];
    }

    /// <summary>Drives an input to a level, as a switch would, and reports the edge to the callbacks (none if unchanged).</summary>
    public void Drive(int pin, bool high)
    {
        List<PinChangeEventHandler> handlers;
        var type = high ? PinEventTypes.Rising : PinEventTypes.Falling;
        lock (_gate)
        {
            if (_levels.TryGetValue(pin, out var old) && (old == PinValue.High) == high) return;
            _levels[pin] = high ? PinValue.High : PinValue.Low;
            handlers = _callbacks.TryGetValue(pin, out var list) ? list.Where(c => c.Types.HasFlag(type)).Select(c => c.Handler).ToList() : [];
        }
        foreach (var h in handlers) h(this, new PinValueChangedEventArgs(type, pin));
    }

    protected override int PinCount => GpioOptions.MaxPin + 1;

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate) _modes.TryAdd(pinNumber, PinMode.Input);
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _modes.Remove(pinNumber);
            _callbacks.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _modes[pinNumber] = mode;
            if (mode == PinMode.InputPullUp) _levels.TryAdd(pinNumber, PinValue.High);
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate) return _modes[pinNumber];
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate) return _levels.TryGetValue(pinNumber, out var v) ? v : PinValue.Low;
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            _levels[pinNumber] = value;
            _writes.Add(new PinWrite(pinNumber, value == PinValue.High, _time.GetUtcNow()));
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne();
        return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list)) _callbacks[pinNumber] = list = [];
            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_callbacks.TryGetValue(pinNumber, out var list)) list.RemoveAll(c => c.Handler == callback);
        }
    }
}
