namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// A circuit breaker that opens after exactly <c>threshold</c> failed attempts in a row, whatever succeeded before
/// (Polly's own breaker counts a failure ratio over a time window, so after earlier successes it opens much later).
/// While open, non-alarm attempts are refused until the break has passed; then one attempt probes (half-open): its
/// success closes the circuit, its failure opens it for another break. An alarm is never refused: it always gets an
/// attempt, which is a probe too (its success closes the circuit). Thread-safe.
/// </summary>
internal sealed class ConsecutiveFailureBreaker
{
    private readonly int _threshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private CircuitState _state = CircuitState.Closed;
    private DateTimeOffset _openUntil;
    private int _failures;

    public ConsecutiveFailureBreaker(int threshold, TimeSpan breakDuration, TimeProvider time)
    {
        _threshold = threshold;
        _breakDuration = breakDuration;
        _time = time;
    }

    /// <summary>Raised (outside the lock) when the circuit opens from closed: once per outage.</summary>
    public event Action<int, TimeSpan>? Opened;

    /// <summary>Raised when a success closes an open or half-open circuit.</summary>
    public event Action? Closed;

    public CircuitState State
    {
        get { lock (_lock) return _state; }
    }

    /// <summary>Failed attempts since the last success.</summary>
    public int ConsecutiveFailures
    {
        get { lock (_lock) return _failures; }
    }

    /// <summary>True when the attempt may run; false (with the time left of the break) when it must fail at once.</summary>
    public bool TryEnter(bool urgent, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            retryAfter = TimeSpan.Zero;
            if (_state == CircuitState.Closed || urgent) return true;
            var now = _time.GetUtcNow();
            if (_state == CircuitState.Open && now >= _openUntil)
            {
                _state = CircuitState.HalfOpen; // this attempt is the probe; others wait for its outcome
                return true;
            }
            retryAfter = _state == CircuitState.Open ? _openUntil - now : _breakDuration;
            return false;
        }
    }

    public void Succeeded()
    {
        bool closed;
        lock (_lock)
        {
            _failures = 0;
            closed = _state != CircuitState.Closed;
            _state = CircuitState.Closed;
        }
        if (closed) Closed?.Invoke();
    }

    public void Failed()
    {
        var opened = false;
        lock (_lock)
        {
            _failures++;
            if (_state == CircuitState.HalfOpen || (_state == CircuitState.Closed && _failures >= _threshold))
            {
                opened = _state == CircuitState.Closed;
                _state = CircuitState.Open;
                _openUntil = _time.GetUtcNow() + _breakDuration;
            }
        }
        if (opened) Opened?.Invoke(_threshold, _breakDuration);
    }

    /// <summary>The link reports it is up again: an open circuit's break ends now, so the next attempt probes.</summary>
    public void LinkUp()
    {
        lock (_lock)
        {
            if (_state == CircuitState.Open) _openUntil = _time.GetUtcNow();
        }
    }

        /// <summary>An attempt ended without an outcome (the caller cancelled): a half-open probe is given up, so the next caller probes.</summary>
    public void Abandoned()
    {
        lock (_lock)
        {
            if (_state != CircuitState.HalfOpen) return;
            _state = CircuitState.Open;
            _openUntil = _time.GetUtcNow();
        }
    }
}
