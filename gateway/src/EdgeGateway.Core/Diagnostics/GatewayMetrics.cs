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
    private readonly Counter<long> _shed;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _coalesced;
    private readonly Counter<long> _bufferFull;
    private readonly Counter<long> _diskFull;
    private long _diskFullTotal;
    private readonly ConcurrentDictionary<EnvelopeError, long> _rejectedByReason = new();
    private readonly long[] _shedByClass = new long[4];
    private readonly long[] _expiredByClass = new long[4];
    private long _coalescedTotal, _bufferFullTotal, _commits, _committedOps;
    private long _storedTotal, _duplicateTotal, _forwardedTotal, _uplinkFailureTotal;

    private readonly System.Diagnostics.Metrics.Counter<long> _commandsExpired, _commandsCleared;
    private long _commandsExpiredTotal, _commandsClearedTotal;
    private readonly Histogram<double> _ackLatency;
    private long _acksTotal;
    private readonly Counter<long> _uplinkRestored, _authFailures, _journalDropped;
    private long _uplinkRestoredTotal, _authFailuresTotal, _journalDroppedTotal;

    public GatewayMetrics()
    {
        _stored = _meter.CreateCounter<long>("edgegw_events_stored", description: "Events durably committed to the buffer");
        _duplicates = _meter.CreateCounter<long>("edgegw_events_duplicate", description: "Events dropped at ingest as already seen (still acked)");
        _rejected = _meter.CreateCounter<long>("edgegw_envelopes_rejected", description: "Envelopes refused at ingest, by reason");
        _forwarded = _meter.CreateCounter<long>("edgegw_events_forwarded", description: "Events acknowledged by the uplink and removed from the buffer");
        _shed = _meter.CreateCounter<long>("edgegw_events_shed", description: "Buffered events dropped to stay within the disk quota (P3, then P2), by class");
        _expired = _meter.CreateCounter<long>("edgegw_events_expired", description: "Buffered events dropped because their class TTL passed, by class");
        _coalesced = _meter.CreateCounter<long>("edgegw_events_coalesced", description: "Events merged into a still-buffered event of their debounce group");
        _diskFull = _meter.CreateCounter<long>("edgegw_disk_full_refusals", description: "Buffer operations not stored (events not acked) because the disk was full");
        _bufferFull = _meter.CreateCounter<long>("edgegw_buffer_full_refusals", description: "Events not acked because the quota was reached with only P0/P1 left");
        _commandsExpired = _meter.CreateCounter<long>("edgegw_commands_expired", description: "Commands for devices dropped because their TTL passed before the device took them");
        _commandsCleared = _meter.CreateCounter<long>("edgegw_commands_cleared", description: "Queued commands dropped because their device connected with a clean session");
        _uplinkFailures = _meter.CreateCounter<long>("edgegw_uplink_failures", description: "Uplink sends that failed and will be retried");
        _uplinkRestored = _meter.CreateCounter<long>("edgegw_uplink_reconnects", description: "Times the uplink came back after an outage (a send succeeded after failed ones)");
        _authFailures = _meter.CreateCounter<long>("edgegw_broker_auth_failures", description: "Device connections the broker refused for their credentials, by result");
        _journalDropped = _meter.CreateCounter<long>("edgegw_journal_dropped", description: "Events not written to the history journal because its queue was full or its write failed (the buffer is not affected)");
        _ackLatency = _meter.CreateHistogram<double>("edgegw_alarm_ack_latency", unit: "s", description: "Seconds from an alarm's arrival at the gateway to its first acknowledgement, by source");
    }

    /// <summary>The meter itself (an exporter may listen to this instance only, not to every meter of the name in the process).</summary>
    public Meter Meter => _meter;

    public long AcksTotal => Interlocked.Read(ref _acksTotal);

    /// <summary>An alarm was acknowledged for the first time, <paramref name="latency"/> after it reached the gateway.</summary>
    public void AlarmAcknowledged(TimeSpan latency, string source)
    {
        Interlocked.Increment(ref _acksTotal);
        _ackLatency.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("source", source));
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

    public long ShedTotal => _shedByClass.Sum(x => Interlocked.Read(ref x));

    public long Shed(Contracts.PriorityClass c) => Interlocked.Read(ref _shedByClass[(int)c]);

    public long ExpiredTotal => _expiredByClass.Sum(x => Interlocked.Read(ref x));

    public long Expired(Contracts.PriorityClass c) => Interlocked.Read(ref _expiredByClass[(int)c]);

    public long CoalescedTotal => Interlocked.Read(ref _coalescedTotal);

    public long BufferFullTotal => Interlocked.Read(ref _bufferFullTotal);

    public void EventsShed(Contracts.PriorityClass c, int count)
    {
        Interlocked.Add(ref _shedByClass[(int)c], count);
        _shed.Add(count, new KeyValuePair<string, object?>("prio", c.ToString()));
    }

    public void EventsExpired(Contracts.PriorityClass c, int count)
    {
        Interlocked.Add(ref _expiredByClass[(int)c], count);
        _expired.Add(count, new KeyValuePair<string, object?>("prio", c.ToString()));
    }

    /// <summary>Group commits (one fsync each) and the operations they covered.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public long CommittedOperations => Interlocked.Read(ref _committedOps);

    public void GroupCommitted(int operations) { Interlocked.Increment(ref _commits); Interlocked.Add(ref _committedOps, operations); }

    public void EventCoalesced() { Interlocked.Increment(ref _coalescedTotal); _coalesced.Add(1); }

    public long DiskFullTotal => Interlocked.Read(ref _diskFullTotal);

    public void DiskFull(int operations) { Interlocked.Add(ref _diskFullTotal, operations); _diskFull.Add(operations); }

    public void BufferFull() { Interlocked.Increment(ref _bufferFullTotal); _bufferFull.Add(1); }

    public long CommandsExpiredTotal => Interlocked.Read(ref _commandsExpiredTotal);

    public long CommandsClearedTotal => Interlocked.Read(ref _commandsClearedTotal);

    public void CommandsExpired(int count) { Interlocked.Add(ref _commandsExpiredTotal, count); _commandsExpired.Add(count); }

    public void CommandsCleared(int count) { Interlocked.Add(ref _commandsClearedTotal, count); _commandsCleared.Add(count); }

    public long UplinkRestoredTotal => Interlocked.Read(ref _uplinkRestoredTotal);

    public void UplinkRestored() { Interlocked.Increment(ref _uplinkRestoredTotal); _uplinkRestored.Add(1); }

    public long AuthFailuresTotal => Interlocked.Read(ref _authFailuresTotal);

    /// <summary>The broker refused a device's credentials; <paramref name="result"/> says why (e.g. <c>WrongSecret</c>, <c>Revoked</c>).</summary>
    public void AuthFailed(string result)
    {
        Interlocked.Increment(ref _authFailuresTotal);
        _authFailures.Add(1, new KeyValuePair<string, object?>("result", result));
    }

    public long JournalDroppedTotal => Interlocked.Read(ref _journalDroppedTotal);

    public void JournalDropped(int count) { Interlocked.Add(ref _journalDroppedTotal, count); _journalDropped.Add(count); }

    public void Dispose() => _meter.Dispose();
}
