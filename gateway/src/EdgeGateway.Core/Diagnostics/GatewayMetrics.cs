using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Core.Diagnostics;

/// <summary>
/// The gateway's counters, published on the <c>EdgeGateway</c> meter (for OpenTelemetry/Prometheus) and kept
/// as plain totals for the status API and tests.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "EdgeGateway";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _uplinkFailures;
    private readonly ConcurrentDictionary<EnvelopeError, long> _rejectedByReason = new();
    private long _storedTotal, _duplicateTotal, _forwardedTotal, _uplinkFailureTotal;

    public GatewayMetrics()
    {
        _stored = _meter.CreateCounter<long>("edgegw_events_stored", description: "Events durably committed to the buffer");
        _duplicates = _meter.CreateCounter<long>("edgegw_events_duplicate", description: "Events dropped at ingest as already seen (still acked)");
        _rejected = _meter.CreateCounter<long>("edgegw_envelopes_rejected", description: "Envelopes refused at ingest, by reason");
        _forwarded = _meter.CreateCounter<long>("edgegw_events_forwarded", description: "Events acknowledged by the uplink and removed from the buffer");
        _uplinkFailures = _meter.CreateCounter<long>("edgegw_uplink_failures", description: "Uplink sends that failed and will be retried");
    }

    public long StoredTotal => Interlocked.Read(ref _storedTotal);

    public long DuplicateTotal => Interlocked.Read(ref _duplicateTotal);

    public long ForwardedTotal => Interlocked.Read(ref _forwardedTotal);

    public long UplinkFailureTotal => Interlocked.Read(ref _uplinkFailureTotal);

    public long RejectedTotal => _rejectedByReason.Values.Sum();

    public long Rejected(EnvelopeError reason) => _rejectedByReason.TryGetValue(reason, out var n) ? n : 0;

    public void EventStored() { Interlocked.Increment(ref _storedTotal); _stored.Add(1); }

    public void EventDuplicate() { Interlocked.Increment(ref _duplicateTotal); _duplicates.Add(1); }

    public void EnvelopeRejected(EnvelopeError reason)
    {
        _rejectedByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }

    public void EventsForwarded(int count) { Interlocked.Add(ref _forwardedTotal, count); _forwarded.Add(count); }

    public void UplinkFailed() { Interlocked.Increment(ref _uplinkFailureTotal); _uplinkFailures.Add(1); }

    public void Dispose() => _meter.Dispose();
}
