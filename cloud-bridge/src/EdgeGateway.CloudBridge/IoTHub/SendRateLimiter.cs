namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// A token bucket: <c>rate</c> sends per second with a burst of one second's worth. A backlog drain is shaped to
/// the hub tier's throttle instead of running into it (the hub would slow or drop the connection). Each caller
/// reserves the next free slot when it asks, so callers are served in the order they asked, and a waiter sleeps
/// once until its slot instead of polling.
/// <para>
/// Alarms never wait behind other traffic: an urgent caller takes its slot from a line of its own (limited only by
/// other alarms, at the same rate) and pushes the non-alarm line back by one slot. Over time the total stays at the
/// rate; for at most one burst, the non-alarm slots already reserved and the alarms' slots add up to twice it.
/// </para>
/// </summary>
internal sealed class SendRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _interval;
    private readonly long _origin;
    private readonly object _lock = new();
    private double _nextFree = double.NegativeInfinity;
    private double _nextUrgent = double.NegativeInfinity;

    public SendRateLimiter(int ratePerSecond, TimeProvider time)
    {
        _interval = 1.0 / ratePerSecond;
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <param name="urgent">An alarm: it does not wait for the slots other traffic has reserved.</param>
    public Task AcquireAsync(bool urgent, CancellationToken cancellationToken)
    {
        double wait;
        lock (_lock)
        {
            var now = _time.GetElapsedTime(_origin).TotalSeconds;
            // The bucket holds at most one second's worth: a slot more than 1 s in the past is gone.
            var slot = urgent ? Take(ref _nextUrgent, now) : Take(ref _nextFree, now);
            if (urgent) Take(ref _nextFree, now);
            wait = slot - now;
        }
        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(wait), _time, cancellationToken);
    }

    private double Take(ref double next, double now)
    {
        var slot = Math.Max(next, now - 1.0);
        next = slot + _interval;
        return slot;
    }
}
