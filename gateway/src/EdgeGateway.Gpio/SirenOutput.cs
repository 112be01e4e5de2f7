using EdgeGateway.Core.Alarms;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio;

/// <summary>
/// Drives the siren relay: while <see cref="SirenPolicy"/> says an alarm sounds, it plays the configured on/off
/// pattern; it stops when the alarm is acknowledged or silenced, or at the alarm's maximum sounding time. A chirp
/// (self-test) holds it on briefly whatever the alarms say.
/// </summary>
internal sealed class SirenOutput : IDisposable
{
    private readonly PanelPins _pins;
    private readonly ILocalAlarms _alarms;
    private readonly SirenOptions _options;
    private readonly IReadOnlyList<TimeSpan> _steps;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly ITimer _step;
    private readonly ITimer _limit;
    private readonly ITimer _chirpEnd;
    private bool _sounding;
    private bool _chirping;
    private int _index;

    public SirenOutput(PanelPins pins, ILocalAlarms alarms, SirenOptions options, TimeProvider time, ILogger logger)
    {
        _pins = pins;
        _alarms = alarms;
        _options = options;
        _steps = options.Steps();
        _time = time;
        _logger = logger;
        _step = time.CreateTimer(_ => NextStep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _limit = time.CreateTimer(_ => Update(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _chirpEnd = time.CreateTimer(_ => EndChirp(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True while an alarm makes the siren play its pattern.</summary>
    public bool Sounding { get { lock (_gate) return _sounding; } }

    public void Start()
    {
        _alarms.Changed += Update;
        Update();
    }

    /// <summary>Holds the siren on for <paramref name="duration"/> (the self-test's chirp), then returns to what the alarms say.</summary>
    public void Chirp(TimeSpan duration)
    {
        lock (_gate)
        {
            _chirping = true;
            _pins.Set(PanelOutput.Siren, true);
            _chirpEnd.Change(duration, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Recomputes from the alarms: start or stop the pattern, and wake at the next maximum sounding time.</summary>
    public void Update()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var alarms = _alarms.Current();
            var should = SirenPolicy.ShouldSound(alarms, now, _options.MaxSounding);
            if (should && !_sounding)
            {
                _sounding = true;
                _index = 0;
                GpioLog.Siren(_logger, "on");
                Apply();
            }
            else if (!should && _sounding)
            {
                _sounding = false;
                _step.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                if (!_chirping) _pins.Set(PanelOutput.Siren, false);
                GpioLog.Siren(_logger, "off");
            }
            var next = SirenPolicy.NextChange(alarms, now, _options.MaxSounding);
            _limit.Change(next is { } at ? at - now : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void NextStep()
    {
        lock (_gate)
        {
            if (!_sounding) return;
            _index = (_index + 1) % _steps.Count;
            Apply();
        }
    }

    private void Apply()
    {
        if (!_chirping) _pins.Set(PanelOutput.Siren, _index % 2 == 0);
        _step.Change(_steps[_index], Timeout.InfiniteTimeSpan);
    }

    private void EndChirp()
    {
        lock (_gate)
        {
            _chirping = false;
            _pins.Set(PanelOutput.Siren, _sounding && _index % 2 == 0);
        }
    }

    public void Dispose()
    {
        _alarms.Changed -= Update;
        _step.Dispose();
        _limit.Dispose();
        _chirpEnd.Dispose();
    }
}
