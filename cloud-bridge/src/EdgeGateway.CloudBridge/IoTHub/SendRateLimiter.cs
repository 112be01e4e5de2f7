namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// A token bucket: <c>rate</c> sends per second with a burst of one second's worth. A backlog drain is shaped to
/// the hub tier's throttle instead of running into it (the hub would slow or drop the connection). Each caller
/// reserves the next free slot when it asks, so callers are served in the order they asked, and a waiter sleeps
/// once until its slot instead of polling.
/// </summary>
internal sealed class SendRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _interval;
    private readonly long _origin;
    private readonly object _lock = new();
    private double _nextFree = double.NegativeInfinity;

    public SendRateLimiter(int ratePerSecond, TimeProvider time)
    {
        _interval = 1.0 / ratePerSecond;
        _time = time;
        _origin = time.GetTimestamp();
    }

    public Task AcquireAsync(CancellationToken cancellationToken)
    {
        double wait;
        lock (_lock)
        {
            var now = _time.GetElapsedTime(_origin).TotalSeconds;
            // The bucket holds at most one second's worth: a slot more than 1 s in the past is gone.
            var slot = Math.Max(_nextFree, now - 1.0);
            _nextFree = slot + _interval;
            wait = slot - now;
        }
        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(wait), _time, cancellationToken);
    }
}
