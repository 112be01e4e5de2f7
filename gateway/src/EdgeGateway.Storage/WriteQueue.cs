using System.Collections.Concurrent;
using EdgeGateway.Contracts;

namespace EdgeGateway.Storage;

/// <summary>
/// The writer's queue with an alarm lane: P0 appends wait in a queue of their own that every group drains first, so a
/// panic is committed in the next group (after at most the commit already under way), never behind a backlog of other
/// appends. Within each lane order is arrival order, so one device's events of one class keep their order.
/// </summary>
internal sealed class WriteQueue : IDisposable
{
    private readonly ConcurrentQueue<WriteOp> _urgent = new();
    private readonly ConcurrentQueue<WriteOp> _normal = new();
    private readonly SemaphoreSlim _items = new(0);
    private readonly CancellationTokenSource _completed = new();
    private readonly object _gate = new();
    private bool _addingCompleted;

    public bool IsAddingCompleted { get { lock (_gate) return _addingCompleted; } }

    /// <summary>No more adds and nothing left to take.</summary>
    public bool IsCompleted => IsAddingCompleted && _items.CurrentCount == 0;

    /// <exception cref="InvalidOperationException">After <see cref="CompleteAdding"/>.</exception>
    public void Add(WriteOp op)
    {
        lock (_gate)
        {
            if (_addingCompleted) throw new InvalidOperationException("the write queue is completed");
            (op.Envelope.Priority == PriorityClass.P0 ? _urgent : _normal).Enqueue(op);
            _items.Release();
        }
    }

    /// <summary>Takes the next op, P0 first; waits up to <paramref name="wait"/>, less when adding completes.</summary>
    public bool TryTake(out WriteOp? op, TimeSpan wait)
    {
        op = null;
        try
        {
            if (!_items.Wait(wait, _completed.Token)) return false;
        }
        catch (OperationCanceledException)
        {
            if (!_items.Wait(0)) return false; // completed and drained
        }
        return Dequeue(out op);
    }

    /// <summary>Takes the next op without waiting, P0 first.</summary>
    public bool TryTakeNow(out WriteOp? op)
    {
        op = null;
        return _items.Wait(0) && Dequeue(out op);
    }

    public void CompleteAdding()
    {
        lock (_gate) _addingCompleted = true;
        _completed.Cancel();
    }

    private bool Dequeue(out WriteOp? op)
    {
        // Each count of _items stands for one op enqueued before its release, and only the writer thread takes.
        if (_urgent.TryDequeue(out op) || _normal.TryDequeue(out op)) return true;
        throw new InvalidOperationException("the write queue's count is out of step with its lanes");
    }

    public void Dispose()
    {
        _items.Dispose();
        _completed.Dispose();
    }
}
