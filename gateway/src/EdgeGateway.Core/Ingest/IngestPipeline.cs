using System.Diagnostics;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Ingest;

/// <summary>
/// Step 2 of an event's path: validate the envelope, then commit it durably. The broker adapter acks the
/// device only when <see cref="IngestEventAsync"/> returns an accepted result (G1). A bad envelope is refused,
/// counted and logged at most once per device per minute; it never throws and never blocks other devices.
/// </summary>
public sealed class IngestPipeline
{
    private readonly IEventBuffer _buffer;
    private readonly GatewayMetrics _metrics;
    private readonly RejectionLogGate _logGate;
    private readonly ILogger _logger;
    private readonly Debouncer? _debouncer;
    private readonly TimeProvider _time;
    private readonly IAcceptedEventObserver[] _observers;

    public IngestPipeline(IEventBuffer buffer, GatewayMetrics metrics, RejectionLogGate logGate, ILogger<IngestPipeline> logger)
        : this(buffer, metrics, logGate, logger, null, TimeProvider.System)
    {
    }

    /// <param name="observers">Told of each accepted event after its commit (patrols, supervision, the console).</param>
    public IngestPipeline(IEventBuffer buffer, GatewayMetrics metrics, RejectionLogGate logGate, ILogger<IngestPipeline> logger,
        Debouncer? debouncer, TimeProvider time, IEnumerable<IAcceptedEventObserver>? observers = null)
    {
        _observers = observers?.ToArray() ?? [];
        _debouncer = debouncer;
        _time = time;
        _buffer = buffer;
        _metrics = metrics;
        _logGate = logGate;
        _logger = logger;
    }

    public async Task<IngestResult> IngestEventAsync(string topicDevice, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var parsed = EnvelopeParser.Parse(payload.Span, topicDevice);
        if (!parsed.IsValid)
        {
            Refuse(topicDevice, parsed.Error, parsed.Detail);
            return IngestResult.Refused(parsed.Error, parsed.Detail);
        }

        var envelope = parsed.Envelope!;
        var id = envelope.Id.ToString();
        var started = Stopwatch.GetTimestamp();
        var coalesce = _debouncer?.Decide(envelope, id, _time.GetUtcNow().ToUnixTimeMilliseconds());
        AppendOutcome outcome;
        try
        {
            outcome = await _buffer.AppendAsync(envelope, payload, coalesce, cancellationToken).ConfigureAwait(false);
        }
        catch (BufferFullException)
        {
            _metrics.BufferFull();
            IngestLog.BufferFull(_logger, id, envelope.Type);
            throw;
        }
        if (outcome == AppendOutcome.Duplicate)
        {
            _metrics.EventDuplicate();
            IngestLog.Duplicate(_logger, id);
        }
        else if (outcome == AppendOutcome.Coalesced)
        {
            _metrics.EventStored();
            _metrics.EventCoalesced();
            IngestLog.Coalesced(_logger, id, envelope.Type, coalesce!.Repeat);
        }
        else
        {
            _metrics.EventStored();
            // Debug only: the arguments are not even formatted per event unless it is on.
            if (_logger.IsEnabled(LogLevel.Debug)) IngestLog.Stored(_logger, id, envelope.Type, envelope.Priority.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        foreach (var observer in _observers) Notify(observer, envelope, outcome);
        return IngestResult.Committed(outcome, id, envelope.Type);
    }

    private void Notify(IAcceptedEventObserver observer, EventEnvelope envelope, AppendOutcome outcome)
    {
        try
        {
            observer.OnAccepted(envelope, outcome);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An observer's bug must not cost the device its PUBACK: the event is already durable.
            IngestLog.ObserverFailed(_logger, observer.GetType().Name, ex.Message);
        }
    }

    /// <summary>Counts and (rate-limited) logs a refusal. Also used by the broker for topic and ACL refusals.</summary>
    public void Refuse(string device, EnvelopeError error, string detail)
    {
        _metrics.EnvelopeRejected(error);
        if (_logGate.ShouldLog(device, out var suppressed))
            IngestLog.Rejected(_logger, device, error.ToString(), detail, suppressed);
    }
}
