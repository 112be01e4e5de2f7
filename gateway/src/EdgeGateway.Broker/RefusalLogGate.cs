using System.Collections.Concurrent;

namespace EdgeGateway.Broker;

/// <summary>
/// Lets a refusal be logged at most once per minute per key (a client id, or a kind of refused connection), and at
/// most <see cref="MaxLinesPerInterval"/> refusals per minute in all (a scan of random ids would otherwise write one
/// line per id). What is not logged is counted, and the next line that is logged for the key says how many.
/// </summary>
internal sealed class RefusalLogGate
{
    public const int MaxLinesPerInterval = 30;
    private const int MaxKeys = 10_000;

    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<string, Entry> _ids = new(StringComparer.Ordinal);
    private readonly Lock _globalLock = new();
    private long _globalStart;
    private int _globalLines;

    public RefusalLogGate(TimeProvider time, TimeSpan? interval = null)
    {
        _time = time;
        _interval = interval ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>True when this refusal should be logged; <paramref name="suppressed"/> is how many of the key's were not since its last line.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        suppressed = 0;
        var now = _time.GetTimestamp();
        if (_ids.Count >= MaxKeys) _ids.Clear(); // a scan of random ids: forget rather than grow
        var entry = _ids.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (entry.LastLogged != 0 && _time.GetElapsedTime(entry.LastLogged, now) < _interval)
            {
                entry.Suppressed++;
                return false;
            }
            if (!TakeGlobalLine(now))
            {
                entry.Suppressed++;
                return false;
            }
            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LastLogged = now;
            return true;
        }
    }

    private bool TakeGlobalLine(long now)
    {
        lock (_globalLock)
        {
            if (_globalStart == 0 || _time.GetElapsedTime(_globalStart, now) >= _interval)
            {
                _globalStart = now;
                _globalLines = 0;
            }
            if (_globalLines >= MaxLinesPerInterval) return false;
            _globalLines++;
            return true;
        }
    }

    private sealed class Entry
    {
        public long LastLogged;
        public long Suppressed;
    }
}
