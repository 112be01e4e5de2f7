using EdgeGateway.Contracts;

namespace EdgeGateway.Storage;

/// <summary>
/// The writer's queue with an alarm lane: P0 appends wait in a queue of their own that every group drains first, so a
/// panic is committed in the next group (after at most the commit already under way), never behind a backlog of other
/// appends. Within each lane order is arrival order, so one device's events of one class keep their order.
/// The writer takes what is queued in one go, and while it waits for a group to fill it names how many appends it
/// waits for: an append wakes it only when that many are queued (or a P0 is, or adding completes), not once per append.
/// Under load each wake-up of the writer thread is a context switch, so this is one per group instead of one per event.
/// Nothing spins: a waiting writer sleeps on the lock's condition.
/// </summary>
internal sealed class WriteQueue
{
    private readonly Queue<WriteOp> _urgent = new();
    private readonly Queue<WriteOp> _normal = new();
    private readonly object _gate = new();
    private bool _addingCompleted;
    private bool _waiting;
    private int _wakeAt = 1;

    public bool IsAddingCompleted { get { lock (_gate) return _addingCompleted; } }

    /// <summary>No more adds and nothing left to take.</summary>
    public bool IsCompleted { get { lock (_gate) return _addingCompleted && Queued == 0; } }

    private int Queued => _urgent.Count + _normal.Count;

    /// <exception cref="InvalidOperationException">After <see cref="CompleteAdding"/>.</exception>
    public void Add(WriteOp op)
    {
        lock (_gate)
        {
            if (_addingCompleted) throw new InvalidOperationException("the write queue is completed");
            var urgent = op.Envelope.Priority == PriorityClass.P0;
            (urgent ? _urgent : _normal).Enqueue(op);
            if (_waiting && (urgent || Queued >= _wakeAt)) Monitor.Pulse(_gate);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> until at least <paramref name="atLeast"/> ops are queued, a P0 is, or adding
    /// completes; then moves what is queued into <paramref name="into"/> (P0 first) until it holds <paramref name="max"/>.
    /// Returns how many it took (after a timeout, what had come by then).
    /// </summary>
    public int TakeInto(List<WriteOp> into, int max, int atLeast, TimeSpan wait)
    {
        var before = into.Count;
        lock (_gate)
        {
            var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
            while (Queued < atLeast && _urgent.Count == 0 && !_addingCompleted)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0) break;
                _waiting = true;
                _wakeAt = Math.Max(1, atLeast);
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left));
                _waiting = false;
            }
            while (into.Count < max && (_urgent.TryDequeue(out var op) || _normal.TryDequeue(out op))) into.Add(op);
        }
        return into.Count - before;
    }

    public void CompleteAdding()
    {
        lock (_gate)
        {
            _addingCompleted = true;
            Monitor.PulseAll(_gate);
        }
    }

}
