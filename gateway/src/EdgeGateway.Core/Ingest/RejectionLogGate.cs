using System.Collections.Concurrent;

namespace EdgeGateway.Core.Ingest;

/// <summary>
/// Lets a rejection be logged at most once per device per interval (default one minute), so a broken or
/// hostile device cannot flood the log. Remembers how many were suppressed so the next line can say so.
/// </summary>
public sealed class RejectionLogGate
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<string, Entry> _devices = new(StringComparer.Ordinal);

    public RejectionLogGate(TimeProvider time, TimeSpan? interval = null)
    {
        _time = time;
        _interval = interval ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>True when this rejection should be logged; <paramref name="suppressed"/> is how many were not since the last one.</summary>
    public bool ShouldLog(string device, out long suppressed)
    {
        var now = _time.GetTimestamp();
        var entry = _devices.GetOrAdd(device, _ => new Entry());
        lock (entry)
        {
            if (entry.LastLogged != 0 && _time.GetElapsedTime(entry.LastLogged, now) < _interval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }
            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LastLogged = now;
            return true;
        }
    }

    private sealed class Entry
    {
        public long LastLogged;
        public long Suppressed;
    }
}
