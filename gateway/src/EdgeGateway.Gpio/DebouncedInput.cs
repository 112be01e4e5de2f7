namespace EdgeGateway.Gpio;

/// <summary>
/// Software debounce: every edge restarts a window of <c>debounce</c>; when the window ends the pin is read, and a
/// level different from the last stable one is reported. Contact bounce shorter than the window is never seen.
/// </summary>
internal sealed class DebouncedInput : IDisposable
{
    private readonly Func<bool> _read;
    private readonly TimeSpan _debounce;
    private readonly Action<bool> _changed;
    private readonly ITimer _timer;
    private readonly object _gate = new();

    public DebouncedInput(Func<bool> read, TimeSpan debounce, TimeProvider time, Action<bool> changed)
    {
        _read = read;
        _debounce = debounce;
        _changed = changed;
        Stable = read();
        _timer = time.CreateTimer(_ => Settle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The last debounced level (true = active: pressed, or enclosure open).</summary>
    public bool Stable { get; private set; }

    public void Edge() => _timer.Change(_debounce, Timeout.InfiniteTimeSpan);

    private void Settle()
    {
        bool now;
        lock (_gate)
        {
            now = _read();
            if (now == Stable) return;
            Stable = now;
        }
        _changed(now);
    }

    public void Dispose() => _timer.Dispose();
}
