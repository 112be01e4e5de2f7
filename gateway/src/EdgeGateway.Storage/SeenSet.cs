using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Storage;

/// <summary>
/// The de-duplication set (G3/G6) in memory, exact: per device and boot, the seqs seen, as ranges (a few bytes per
/// device and boot, not per id). The table <c>seen</c> keeps the same ids on disk in arrival order, so adding one
/// appends to the table's last page instead of touching a random page of a key-ordered index; this set is rebuilt
/// from it when the buffer opens. Ids added by the writer's open transaction stay <em>uncommitted</em> until it
/// commits: a rollback takes them out again, and <see cref="Contains"/> does not report them before.
/// Thread-safe: the writer adds and removes, readers ask.
/// </summary>
internal sealed class SeenSet
{
    private readonly object _lock = new();
    private readonly Dictionary<(string Dev, long Boot), SeqRanges> _byBoot = [];
    private readonly HashSet<EventId> _uncommitted = [];
    private long _count;

    /// <summary>Ids in the set, committed or not.</summary>
    public long Count { get { lock (_lock) return _count; } }

    /// <summary>Adds <paramref name="id"/> as uncommitted; false when it is already in the set.</summary>
    public bool TryAdd(EventId id)
    {
        lock (_lock)
        {
            if (!_byBoot.TryGetValue((id.Device, id.Boot), out var seqs)) _byBoot[(id.Device, id.Boot)] = seqs = new SeqRanges();
            if (!seqs.Add(id.Seq)) return false;
            _uncommitted.Add(id);
            _count++;
            return true;
        }
    }

    /// <summary>Adds an id read back from the table (committed).</summary>
    public void Load(EventId id)
    {
        lock (_lock)
        {
            if (!_byBoot.TryGetValue((id.Device, id.Boot), out var seqs)) _byBoot[(id.Device, id.Boot)] = seqs = new SeqRanges();
            if (seqs.Add(id.Seq)) _count++;
        }
    }

    /// <summary>Adds a range of one device and boot read back from a snapshot (committed).</summary>
    public void LoadRange(string device, long boot, long lo, long hi)
    {
        lock (_lock)
        {
            if (!_byBoot.TryGetValue((device, boot), out var seqs)) _byBoot[(device, boot)] = seqs = new SeqRanges();
            _count += seqs.AddRange(lo, hi);
        }
    }

    /// <summary>Every range, per device and boot (for a snapshot; call with no transaction open).</summary>
    public List<(string Device, long Boot, long Lo, long Hi)> Ranges()
    {
        lock (_lock)
        {
            return [.. _byBoot.SelectMany(p => p.Value.All.Select(r => (p.Key.Dev, p.Key.Boot, r.Lo, r.Hi)))];
        }
    }

    /// <summary>True when <paramref name="id"/> is in the set and committed.</summary>
    public bool Contains(EventId id)
    {
        lock (_lock)
        {
            return _byBoot.TryGetValue((id.Device, id.Boot), out var seqs) && seqs.Contains(id.Seq) && !_uncommitted.Contains(id);
        }
    }

    public void Remove(EventId id)
    {
        lock (_lock)
        {
            _uncommitted.Remove(id);
            if (!_byBoot.TryGetValue((id.Device, id.Boot), out var seqs) || !seqs.Remove(id.Seq)) return;
            _count--;
            if (seqs.IsEmpty) _byBoot.Remove((id.Device, id.Boot));
        }
    }

    /// <summary>The writer's transaction committed: what it added is now seen for good.</summary>
    public void Commit()
    {
        lock (_lock) _uncommitted.Clear();
    }

    /// <summary>The writer's transaction rolled back: what it added was never stored.</summary>
    public void Rollback()
    {
        lock (_lock)
        {
            foreach (var id in _uncommitted.ToList()) Remove(id);
            _uncommitted.Clear();
        }
    }
}
