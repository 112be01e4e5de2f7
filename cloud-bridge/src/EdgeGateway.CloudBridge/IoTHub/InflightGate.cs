namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// A cap on messages handed to the hub and not yet acked: each message holds a slot from before its write until its
/// PUBACK (or failure). Waiters get their slots in the order they asked and are woken with the slot already theirs, so
/// nobody can take it between the release and the wake-up. The uplink has two: the alarms' own slots
/// (<see cref="IoTHubOptions.MaxAlarmInflight"/>) and the rest of <see cref="IoTHubOptions.MaxInflight"/> for everything
/// else, so an alarm never waits for a slot other traffic holds.
/// </summary>
internal sealed class InflightGate
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _held;

    public InflightGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Slots held now (messages written or about to be, not yet acked).</summary>
    public int Held
    {
        get { lock (_lock) return _held; }
    }

    /// <summary>Takes a slot if one is free and nobody is waiting ahead of the caller.</summary>
    public bool TryEnter()
    {
        lock (_lock) return TryTake();
    }

    /// <summary>Completes when the caller holds a slot; release it with <see cref="Release"/> once the message is acked or failed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (TryTake()) return Task.CompletedTask;
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(waiter);
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
            _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return waiter.Task;
    }

    public void Release()
    {
        TaskCompletionSource? next = null;
        lock (_lock)
        {
            if (_waiting.First is { } first)
            {
                _waiting.RemoveFirst(); // the slot passes straight to the first waiter
                next = first.Value;
            }
            else _held--;
        }
        next?.TrySetResult();
    }

    private bool TryTake()
    {
        if (_held >= _capacity || _waiting.Count > 0) return false;
        _held++;
        return true;
    }

    /// <summary>A cancelled waiter leaves the queue, unless it was granted a slot first (then it completed and holds it).</summary>
    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null) return;
            _waiting.Remove(node);
        }
        node.Value.TrySetCanceled(cancellationToken);
    }
}
