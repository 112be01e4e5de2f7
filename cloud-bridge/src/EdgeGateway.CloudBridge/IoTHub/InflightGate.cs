namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// The cap on messages handed to the hub and not yet acked (<see cref="IoTHubOptions.MaxInflight"/>), with an alarm lane
/// in front of it. Every message holds a slot from before its write until its PUBACK (or failure). Non-alarm messages
/// hold at most <c>capacity - alarmReserve</c> slots and queue in arrival order; an alarm takes any free slot, and a
/// freed slot goes to a waiting alarm before any other message. Waiters are woken with the slot already theirs, so
/// nobody can take it between the release and the wake-up.
/// </summary>
internal sealed class InflightGate
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly int _routineMax;
    private readonly LinkedList<TaskCompletionSource> _alarms = new();
    private readonly LinkedList<TaskCompletionSource> _routine = new();
    private int _held;
    private int _routineHeld;

    public InflightGate(int capacity, int alarmReserve)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(alarmReserve);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(alarmReserve, capacity);
        _capacity = capacity;
        _routineMax = capacity - alarmReserve;
    }

    /// <summary>Slots held now (messages written or about to be, not yet acked).</summary>
    public int Held
    {
        get { lock (_lock) return _held; }
    }

    /// <summary>Takes a slot if one is free for this kind of message and nobody of its kind is waiting ahead of it.</summary>
    public bool TryEnter(bool alarm)
    {
        lock (_lock) return TryTake(alarm, queued: false);
    }

    /// <summary>Completes when the caller holds a slot; release it with <see cref="Release"/> once the message is acked or failed.</summary>
    public Task WaitAsync(bool alarm, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (TryTake(alarm, queued: false)) return Task.CompletedTask;
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (alarm ? _alarms : _routine).AddLast(waiter);
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
            _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return waiter.Task;
    }

    public void Release(bool alarm)
    {
        var granted = new List<TaskCompletionSource>(1);
        lock (_lock)
        {
            _held--;
            if (!alarm) _routineHeld--;
            Grant(_alarms, alarm: true, granted);
            Grant(_routine, alarm: false, granted);
        }
        foreach (var waiter in granted) waiter.TrySetResult();
    }

    private void Grant(LinkedList<TaskCompletionSource> queue, bool alarm, List<TaskCompletionSource> granted)
    {
        while (queue.First is { } first && TryTake(alarm, queued: true))
        {
            queue.RemoveFirst();
            granted.Add(first.Value);
        }
    }

    /// <param name="queued">The caller is the head of its queue (being granted), not a newcomer that must queue behind it.</param>
    private bool TryTake(bool alarm, bool queued)
    {
        if (_held >= _capacity) return false;
        if (alarm && !queued && _alarms.Count > 0) return false;
        if (!alarm && (_routineHeld >= _routineMax || _alarms.Count > 0 || (!queued && _routine.Count > 0))) return false;
        _held++;
        if (!alarm) _routineHeld++;
        return true;
    }

    /// <summary>A cancelled waiter leaves its queue, unless it was granted a slot first (then it completed and holds it).</summary>
    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null) return;
            node.List.Remove(node);
        }
        node.Value.TrySetCanceled(cancellationToken);
    }
}
