namespace EdgeGateway.Core.Health;

/// <summary>One working part's proof of life: it calls <see cref="Tick"/> each time it has done its work (or idled on purpose).</summary>
public sealed class Heartbeat
{
    private readonly TimeProvider _time;
    private long _last;

    internal Heartbeat(string name, TimeProvider time)
    {
        Name = name;
        _time = time;
        _last = time.GetTimestamp(); // a fresh part gets one StaleAfter of grace to tick for the first time
    }

    public string Name { get; }

    public void Tick() => Volatile.Write(ref _last, _time.GetTimestamp());

    /// <summary>Time since the last tick (monotonic).</summary>
    public TimeSpan Age => _time.GetElapsedTime(Volatile.Read(ref _last));
}
