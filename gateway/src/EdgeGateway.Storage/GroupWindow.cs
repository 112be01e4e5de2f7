using EdgeGateway.Contracts;

namespace EdgeGateway.Storage;

/// <summary>
/// How long the writer holds a group open for more appends before committing it (<see cref="SqliteBufferOptions.GroupWindow"/>).
/// Each commit writes every page it touches to the WAL, at least one 4 KB page of the page cache, so at 1,000 events/s
/// a commit of one event costs several KB per event and a commit of twenty a few hundred bytes. The writer waits, up to
/// the window, only until the group holds an append from every device that sent one within the last two windows: a
/// single device sending one event at a time (it waits for each PUBACK) is never held. A P0 ends the wait at once
/// (alarms never wait), as does a full group. Writer thread only.
/// </summary>
internal sealed class GroupWindow(TimeSpan window)
{
    private readonly long _windowMs = (long)window.TotalMilliseconds;
    private readonly Dictionary<string, long> _lastSeenMs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inGroup = new(StringComparer.Ordinal);

    /// <summary>Adds to <paramref name="group"/> (holding what was queued) what arrives within the window, as long as more
    /// is expected; true when the group holds a P0 (then it did not wait).</summary>
    public bool Fill(List<WriteOp> group, WriteQueue queue, int maxGroup)
    {
        var now = Environment.TickCount64;
        _inGroup.Clear();
        var urgent = false;
        foreach (var op in group) urgent |= Note(op, now);
        if (_windowMs <= 0 || urgent) return urgent;
        var expected = Expected(now);
        var deadline = now + _windowMs;
        while (group.Count < maxGroup && _inGroup.Count < expected)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0) return false;
            // Woken once as many appends are queued as devices are missing (or by a P0), not by each append.
            var from = group.Count;
            if (queue.TakeInto(group, maxGroup, expected - _inGroup.Count, TimeSpan.FromMilliseconds(left)) == 0) return false;
            var taken = Environment.TickCount64;
            for (var i = from; i < group.Count; i++) urgent |= Note(group[i], taken);
            if (urgent) return true;
        }
        return false;
    }

    /// <summary>Remembers the op's device; true for an alarm (P0).</summary>
    private bool Note(WriteOp op, long now)
    {
        var env = op.Envelope;
        _lastSeenMs[env.Dev] = now;
        _inGroup.Add(env.Dev);
        return env.Priority == PriorityClass.P0;
    }

    /// <summary>Devices that sent within the last two windows (forgetting the older ones).</summary>
    private int Expected(long now)
    {
        var since = now - (2 * _windowMs);
        var active = 0;
        List<string>? stale = null;
        foreach (var (dev, at) in _lastSeenMs)
        {
            if (at >= since) active++;
            else (stale ??= []).Add(dev);
        }
        if (stale is not null) foreach (var dev in stale) _lastSeenMs.Remove(dev);
        return active;
    }
}
