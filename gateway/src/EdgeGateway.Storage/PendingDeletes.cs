using EdgeGateway.Contracts;

namespace EdgeGateway.Storage;

/// <summary>
/// Deletes after the upstream ack that are decided but not yet committed (G2, made lazy). The forwarder's delete only
/// records them here; the writer removes the rows in its next group transaction or, when no append comes, in the next
/// maintenance (at most <see cref="SqliteBufferOptions.MaintenanceInterval"/> later), so a delete costs no commit of its
/// own. Until then peeks skip them and the counts leave them out. A crash before that commit loses only the deletes:
/// the events are sent again after the restart with their ids, which G3 allows (at least once, duplicates carry the
/// same id); an event still leaves the buffer only after the hub acked it. Thread-safe.
/// </summary>
internal sealed class PendingDeletes
{
    private readonly object _lock = new();
    private readonly Dictionary<long, PriorityClass> _pending = [];

    public int Count { get { lock (_lock) return _pending.Count; } }

    public void Add(long seq, PriorityClass priority)
    {
        lock (_lock) _pending.TryAdd(seq, priority);
    }

    public bool Contains(long seq)
    {
        lock (_lock) return _pending.ContainsKey(seq);
    }

    /// <summary>Pending deletes per class (P0..P3).</summary>
    public long[] ByClass()
    {
        var counts = new long[4];
        lock (_lock)
        {
            foreach (var p in _pending.Values) counts[(int)p]++;
        }
        return counts;
    }

    /// <summary>The seqs to delete in the writer's next transaction.</summary>
    public long[] Snapshot()
    {
        lock (_lock) return _pending.Count == 0 ? [] : [.. _pending.Keys];
    }

    /// <summary>The transaction that deleted <paramref name="seqs"/> committed.</summary>
    public void Done(long[] seqs)
    {
        lock (_lock)
        {
            foreach (var s in seqs) _pending.Remove(s);
        }
    }
}
