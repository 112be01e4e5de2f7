using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Ingest;
using Microsoft.Extensions.Logging;
using EventId = EdgeGateway.Contracts.Envelope.EventId;

namespace EdgeGateway.Core.Alarms;

/// <summary>
/// <see cref="ILocalAlarms"/>: a committed <c>panic</c> raises an alarm for its device (told by ingest after the
/// commit); an ack recorded by <see cref="AlarmAcknowledger"/> from any source clears the alarm it names, by the
/// same rule as the panic button (its boot, a seq from its first to its latest event). Held in memory: after a
/// gateway restart the siren is quiet until the next panic.
/// </summary>
public sealed class AlarmBoard : ILocalAlarms, IAcceptedEventObserver
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, LocalAlarm> _alarms = new(StringComparer.Ordinal);

    public AlarmBoard(AlarmAcknowledger acks, TimeProvider time, ILogger<AlarmBoard> logger)
    {
        _time = time;
        _logger = logger;
        acks.Changed += r =>
        {
            if (r.Delivery is AckDelivery.Queued or AckDelivery.Delivered) Acknowledge(r.EventId, r.Source);
        };
    }

    public event Action? Changed;

    public IReadOnlyList<LocalAlarm> Current()
    {
        lock (_gate)
        {
            return _alarms.Values.OrderBy(a => a.RaisedAt).ToList();
        }
    }

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        // A duplicate is a retransmission of an event already seen (and perhaps acknowledged): it raises nothing.
        if (envelope.Type is not (EventTypes.Panic or EventTypes.Cancel) || outcome == AppendOutcome.Duplicate) return;
        LocalAlarm? raised = null;
        lock (_gate)
        {
            if (_alarms.TryGetValue(envelope.Dev, out var held))
            {
                if (held.Boot != envelope.Boot || envelope.Seq <= held.LatestSeq) return;
                _alarms[envelope.Dev] = held with { LatestSeq = envelope.Seq };
            }
            else if (envelope.Type == EventTypes.Panic)
            {
                _alarms[envelope.Dev] = raised = new LocalAlarm(envelope.Dev, envelope.Boot, envelope.Seq, envelope.Seq, _time.GetUtcNow(), false);
            }
            else
            {
                return;
            }
        }
        if (raised is not null) AlarmsLog.Raised(_logger, raised.EventId);
        Changed?.Invoke();
    }

    public void Silence(string source)
    {
        int count;
        lock (_gate)
        {
            var loud = _alarms.Values.Where(a => !a.Silenced).ToList();
            foreach (var a in loud) _alarms[a.Device] = a with { Silenced = true };
            count = loud.Count;
        }
        AlarmsLog.Silenced(_logger, count, source);
        if (count > 0) Changed?.Invoke();
    }

    private void Acknowledge(string eventId, string source)
    {
        if (!EventId.TryParse(eventId, out var id)) return;
        lock (_gate)
        {
            if (!_alarms.TryGetValue(id.Device, out var held) || !held.IsNamedBy(id.Device, id.Boot, id.Seq)) return;
            _alarms.Remove(id.Device);
        }
        AlarmsLog.Acknowledged(_logger, eventId, source);
        Changed?.Invoke();
    }
}
