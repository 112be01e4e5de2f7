using System.Diagnostics.Metrics;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Supervision;

namespace EdgeGateway.Core.Diagnostics;

/// <summary>
/// The gauges of the <c>EdgeGateway</c> meter that are read when a scraper asks rather than counted as things happen:
/// buffer depth and oldest event age per class, bytes against the quota, the uplink's state, and devices online and
/// offline. Created once (the composition root or an exporter asks for it); a scrape reads the buffer at most once a second.
/// </summary>
public sealed class GatewayGauges
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private readonly IBufferInspector _buffer;
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private BufferSnapshot? _last;
    private long _lastTicks;

    public GatewayGauges(GatewayMetrics metrics, IBufferInspector buffer, IUplink uplink, IDeviceSupervision devices, TimeProvider time)
    {
        _buffer = buffer;
        _time = time;
        var meter = metrics.Meter;
        meter.CreateObservableGauge("edgegw_buffer_depth", () => Snapshot().Classes.Select(c => new Measurement<long>(c.Depth, Prio(c.Priority))),
            description: "Events waiting in the buffer, by class");
        meter.CreateObservableGauge("edgegw_buffer_oldest_age_seconds", OldestAges,
            description: "Seconds the oldest waiting event of each class has been in the buffer (0: none waits)");
        meter.CreateObservableGauge("edgegw_buffer_used_bytes", () => Snapshot().UsedBytes, description: "Bytes of buffered events counted against the quota");
        meter.CreateObservableGauge("edgegw_buffer_quota_bytes", () => Snapshot().QuotaBytes, description: "The buffer's quota (Buffer:QuotaMb) in bytes");
        meter.CreateObservableGauge("edgegw_uplink_state", () => (int)uplink.State, description: "Uplink state: 0 disconnected, 1 connecting, 2 connected");
        meter.CreateObservableGauge("edgegw_devices", () =>
        {
            var current = devices.Current();
            var online = current.Count(d => d.Online);
            return new[]
            {
                new Measurement<int>(online, new KeyValuePair<string, object?>("state", "online")),
                new Measurement<int>(current.Count - online, new KeyValuePair<string, object?>("state", "offline")),
            };
        }, description: "Supervised devices (registered, not revoked, seen at least once) online and offline");
    }

    private IEnumerable<Measurement<double>> OldestAges()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return Snapshot().Classes.Select(c => new Measurement<double>(
            c.OldestReceivedAtMs is { } at ? Math.Max(0, now - at) / 1000.0 : 0, Prio(c.Priority)));
    }

    private BufferSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_last is null || _time.GetElapsedTime(_lastTicks, now) >= Reuse)
            {
                _last = _buffer.Inspect();
                _lastTicks = now;
            }
            return _last;
        }
    }

    private static KeyValuePair<string, object?> Prio(PriorityClass p) => new("prio", p.ToString());
}
