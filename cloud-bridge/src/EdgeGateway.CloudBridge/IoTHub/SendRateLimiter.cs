namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// A token bucket: <c>rate</c> sends per second with a burst of one second's worth. A backlog drain is shaped to
/// the hub tier's throttle instead of running into it (the hub would slow or drop the connection).
/// </summary>
internal sealed class SendRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly object _lock = new();
    private double _tokens;
    private long _last;

    public SendRateLimiter(int ratePerSecond, TimeProvider time)
    {
        _rate = ratePerSecond;
        _time = time;
        _tokens = ratePerSecond;
        _last = time.GetTimestamp();
    }

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                _tokens = Math.Min(_rate, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _rate));
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            }
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
