namespace EdgeGateway.Core.Health;

/// <summary>
/// The gateway's parts that must keep turning for it to be of use (the broker accepting, the buffer's writer
/// committing, the forwarder looping) each hold a <see cref="Heartbeat"/> from here and tick it. The host's
/// watchdog feeds systemd only while none is older than <see cref="WatchdogOptions.StaleAfter"/>, so one hung
/// part gets the whole gateway restarted.
/// </summary>
public sealed class LivenessRegistry
{
    private readonly TimeProvider _time;
    private readonly List<Heartbeat> _beats = [];

    public LivenessRegistry(WatchdogOptions options, TimeProvider time)
    {
        Options = options;
        _time = time;
    }

    public WatchdogOptions Options { get; }

    /// <summary>How often an idle part should tick.</summary>
    public TimeSpan TickInterval => Options.TickInterval;

    public Heartbeat Register(string name)
    {
        var beat = new Heartbeat(name, _time);
        lock (_beats) _beats.Add(beat);
        return beat;
    }

    /// <summary>The parts that have not ticked within <see cref="WatchdogOptions.StaleAfter"/>; empty when all are alive.</summary>
    public IReadOnlyList<Heartbeat> Stale()
    {
        lock (_beats) return _beats.Where(b => b.Age > Options.StaleAfter).ToList();
    }

    public IReadOnlyList<string> Names()
    {
        lock (_beats) return _beats.Select(b => b.Name).ToList();
    }
}
