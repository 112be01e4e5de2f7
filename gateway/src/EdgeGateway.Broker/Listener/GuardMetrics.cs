using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EdgeGateway.Core.Diagnostics;

namespace EdgeGateway.Broker.Listener;

/// <summary>Connections the guard closed, by reason (<c>edgegw_connections_closed</c> on the gateway's meter), with totals for tests.</summary>
internal sealed class GuardMetrics : IDisposable
{
    private readonly Meter _meter = new(GatewayMetrics.MeterName);
    private readonly Counter<long> _closed;
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public GuardMetrics()
    {
        _closed = _meter.CreateCounter<long>("edgegw_connections_closed",
            description: "Connections the broker closed before or instead of serving them, by reason (limit, connect_timeout, evicted, oversize, not_connect, malformed)");
    }

    public long Closed(string reason) => _totals.TryGetValue(reason, out var n) ? n : 0;

    public void Count(string reason)
    {
        _totals.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _closed.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void Dispose() => _meter.Dispose();
}
