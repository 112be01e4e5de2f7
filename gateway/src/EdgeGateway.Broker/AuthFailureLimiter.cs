using System.Collections.Concurrent;

namespace EdgeGateway.Broker;

/// <summary>
/// Counts failed connects per key (a client id, or a remote IP) in a fixed window. Once a key has
/// <c>limit</c> failures in the window, further attempts are refused without checking the secret, until the
/// window ends. Keys are pruned when the dictionary grows, so a scan of random ids cannot exhaust memory.
/// </summary>
internal sealed class AuthFailureLimiter
{
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly int _limit;
    private readonly TimeSpan _window;

    public AuthFailureLimiter(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    public bool IsBlocked(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var w) && now - w.Start < _window && w.Failures >= _limit;

    public void RecordFailure(string key, DateTimeOffset now)
    {
        if (_windows.Count >= MaxKeys) Prune(now);
        _windows.AddOrUpdate(key, _ => new Window(now, 1), (_, w) => now - w.Start >= _window ? new Window(now, 1) : w with { Failures = w.Failures + 1 });
    }

    public void Reset(string key) => _windows.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, w) in _windows)
        {
            if (now - w.Start >= _window) _windows.TryRemove(key, out _);
        }
        if (_windows.Count >= MaxKeys) _windows.Clear(); // a flood of fresh keys: start over rather than grow
    }

    private readonly record struct Window(DateTimeOffset Start, int Failures);
}
