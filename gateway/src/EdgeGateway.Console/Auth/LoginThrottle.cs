using System.Collections.Concurrent;

namespace EdgeGateway.Console.Auth;

/// <summary>
/// Slows failed logins per user name and per client address with a growing delay (0.25 s, doubling with each recent
/// failure). It never refuses: after the delay the password is checked as always, so a duty officer with the right
/// password gets in even while someone guesses at the same account. The per-user delay is capped at
/// <see cref="UserCap"/> (the officer's worst case); the per-address one at <see cref="AddressCap"/> (the guesser's).
/// An attempt counts as a failure until it succeeds, so parallel guesses see the delay grow too. Failures are
/// forgotten <see cref="Memory"/> after the last one.
/// </summary>
internal sealed class LoginThrottle
{
    public static readonly TimeSpan UserCap = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan AddressCap = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Entry> _failures = new();
    private readonly TimeProvider _time;

    public LoginThrottle(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Records an attempt (as a failure until <see cref="Succeeded"/>) and returns how long to wait before checking it.</summary>
    public TimeSpan Begin(string user, string address)
    {
        var now = _time.GetUtcNow();
        if (_failures.Count > MaxEntries) Prune(now);
        var userFailures = Bump("u:" + user, now);
        var addressFailures = Bump("a:" + address, now);
        var userDelay = Delay(userFailures - 1, UserCap);
        var addressDelay = Delay(addressFailures - 1, AddressCap);
        return userDelay > addressDelay ? userDelay : addressDelay;
    }

    public void Succeeded(string user, string address)
    {
        _failures.TryRemove("u:" + user, out _);
        _failures.TryRemove("a:" + address, out _);
    }

    /// <summary>Recent failures of a user (for logs).</summary>
    public int Failures(string user) => _failures.TryGetValue("u:" + user, out var e) ? e.Count : 0;

    private int Bump(string key, DateTimeOffset now) =>
        _failures.AddOrUpdate(key, _ => new Entry(1, now), (_, e) => now - e.Last > Memory ? new Entry(1, now) : new Entry(e.Count + 1, now)).Count;

    private static TimeSpan Delay(int failures, TimeSpan cap)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var delay = Step * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay > cap ? cap : delay;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _failures)
        {
            if (now - entry.Last > Memory) _failures.TryRemove(key, out _);
        }
        if (_failures.Count <= MaxEntries) return;
        // Still full of recent entries (guesses from many addresses): keep the per-user counts, which bound those guesses.
        foreach (var key in _failures.Keys.Where(k => k.StartsWith("a:", StringComparison.Ordinal)).ToList()) _failures.TryRemove(key, out _);
    }

    private sealed record Entry(int Count, DateTimeOffset Last);
}
