namespace EdgeGateway.Core.Forwarding;

/// <summary>
/// What the forwarder has done lately, for the console's uplink panel: when the hub last acknowledged a batch, how many
/// events per second went up over the last <see cref="WindowSeconds"/> seconds, and how many times the link came back
/// after an outage. Written by the forwarder, read by anyone; thread-safe.
/// </summary>
public sealed class ForwardingStatus
{
    /// <summary>The span the rate is averaged over.</summary>
    public const int WindowSeconds = 10;

    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private readonly long[] _buckets = new long[WindowSeconds];
    private readonly long[] _bucketSecond = new long[WindowSeconds];
    private long _lastSuccessAtMs = -1;
    private long _restorations;

    public ForwardingStatus(TimeProvider time) => _time = time;

    /// <summary>When the hub last acknowledged a batch (Unix ms), null before the first.</summary>
    public long? LastSuccessAtMs => Interlocked.Read(ref _lastSuccessAtMs) is var v && v >= 0 ? v : null;

    /// <summary>Times sending resumed after failed sends (each one also emits <c>uplink_restored</c>).</summary>
    public long Restorations => Interlocked.Read(ref _restorations);

    /// <summary>The hub acknowledged <paramref name="count"/> events.</summary>
    public void Forwarded(int count)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Interlocked.Exchange(ref _lastSuccessAtMs, now);
        var second = now / 1000;
        var i = (int)(second % WindowSeconds);
        lock (_lock)
        {
            if (_bucketSecond[i] != second)
            {
                _bucketSecond[i] = second;
                _buckets[i] = 0;
            }
            _buckets[i] += count;
        }
    }

    public void Restored() => Interlocked.Increment(ref _restorations);

    /// <summary>Events acknowledged per second, averaged over the last <see cref="WindowSeconds"/> whole seconds and the current one.</summary>
    public double ForwardedPerSecond()
    {
        var second = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000;
        long sum = 0;
        lock (_lock)
        {
            for (var i = 0; i < WindowSeconds; i++)
                if (second - _bucketSecond[i] < WindowSeconds) sum += _buckets[i];
        }
        return (double)sum / WindowSeconds;
    }
}
