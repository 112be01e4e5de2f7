using EdgeGateway.Core.Diagnostics;
using Prometheus;

namespace EdgeGateway.Console.Api;

/// <summary>
/// Bridges the gateway's <c>EdgeGateway</c> meter into a Prometheus registry of this console's own
/// (<see cref="MeterBridge"/>, listening to this gateway's meter instance only). The gauges read at each scrape (buffer,
/// uplink, devices) are Core's <see cref="GatewayGauges"/>, taken here so they exist. Created with the hosted services,
/// before the broker takes its first event.
/// </summary>
internal sealed class ConsoleMetrics : IDisposable
{
    /// <summary>Buckets of the alarm-to-ack latency, in seconds: seconds to half an hour.</summary>
    private static readonly double[] AckBuckets = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800];

    private readonly MeterBridge _bridge;

    public ConsoleMetrics(GatewayMetrics metrics, GatewayGauges gauges)
    {
        _ = gauges;
        Registry = Metrics.NewCustomRegistry();
        _bridge = new MeterBridge(metrics.Meter, Registry, _ => AckBuckets);
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _bridge.Dispose();
}
