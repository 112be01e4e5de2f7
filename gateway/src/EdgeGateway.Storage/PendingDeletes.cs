using EdgeGateway.Contracts;

namespace EdgeGateway.Storage;

/// <summary>
/// Deletes after the upstream ack that are decided but not yet committed (G2, made lazy). The forwarder's delete only
/// records them here; the writer removes the rows in its next group transaction or, when no append comes, in the next
/// maintenance (at most <see cref="SqliteBufferOptions.MaintenanceInterval"/> later), so a delete costs no commit of its
/// own. Until then peeks skip them and the counts leave them out. A crash before that commit loses only the deletes:
/// the events are sent again after the restart with their ids, which G3 allows (at least once, duplicates carry the
/// same id); an event still leaves the buffer only after the hub acked it.
/// <para>A delete names rows the caller peeked, so their class is known from the peek, without a read; a row the writer
/// removed meanwhile (merged, shed, expired) is forgotten, so its late delete changes no count. Thread-safe.</para>
/// </summary>
internal sealed class PendingDeletes
{
    private readonly object _lock = new();
    private readonly Dictionary<long, PriorityClass> _peeked = [];
    private readonly Dictionary<long, PriorityClass> _pending = [];

    public int Count { get { lock (_lock) return _pending.Count; } }

    /// <summary>A peek handed out this row.</summary>
    public void Peeked(long seq, PriorityClass priority)
    {
        lock (_lock) _peeked[seq] = priority;
    }

    /// <summary>Records the deletes of peeked rows; others (no longer buffered) are ignored.</summary>
    public void Add(IReadOnlyList<long> seqs)
    {
        lock (_lock)
        {
            foreach (var seq in seqs)
            {
                if (_peeked.Remove(seq, out var priority)) _pending.TryAdd(seq, priority);
            }
        }
    }

    /// <summary>The writer removed the row (merged, shed, expired or deleted) and committed that.</summary>
    public void Gone(long seq)
    {
        lock (_lock) _peeked.Remove(seq);
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
