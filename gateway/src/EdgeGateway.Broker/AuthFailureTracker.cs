using System.Collections.Concurrent;

namespace EdgeGateway.Broker;

/// <summary>
/// Counts failed connects per key (a client id, or a remote IP). A key's count decays: it is forgotten once no
/// failure came for <c>forgetAfter</c>. The count only sets how long a failed attempt waits before its refusal
/// (<see cref="AuthDelay"/>); it never refuses anything by itself. Keys are pruned when the dictionary grows,
/// so a scan of random ids cannot exhaust memory.
/// </summary>
internal sealed class AuthFailureTracker
{
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _forgetAfter;

    public AuthFailureTracker(TimeSpan forgetAfter)
    {
        _forgetAfter = forgetAfter;
    }

    /// <returns>The key's failures including this one.</returns>
    public int RecordFailure(string key, DateTimeOffset now)
    {
        if (_entries.Count >= MaxKeys) Prune(now);
        var entry = _entries.AddOrUpdate(key, _ => new Entry(now, 1),
            (_, e) => now - e.Last >= _forgetAfter ? new Entry(now, 1) : new Entry(now, e.Failures + 1));
        return entry.Failures;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, e) in _entries)
        {
            if (now - e.Last >= _forgetAfter) _entries.TryRemove(key, out _);
        }
        if (_entries.Count >= MaxKeys) _entries.Clear(); // a flood of fresh keys: start over rather than grow
    }

    private readonly record struct Entry(DateTimeOffset Last, int Failures);
}
