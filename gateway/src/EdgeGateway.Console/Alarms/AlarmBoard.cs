using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Console.Alarms;

/// <summary>
/// The live alarm board: P0 and P1 events as ingest accepted them (and the gateway's own P1 events), with repeats
/// merged, cancel requests attached and acknowledgements from every source, newest first. Ingest hands events over
/// without waiting (a channel to the board's own loop, which looks devices up in the registry); every change is
/// raised through <see cref="Changed"/> for the live stream. It keeps the newest <see cref="Capacity"/> alarms since
/// the gateway started, dropping acknowledged ones first.
/// </summary>
internal sealed class AlarmBoard : IAcceptedEventObserver, IDisposable
{
    public const int Capacity = 1000;

    private static readonly HashSet<string> Shown = new(StringComparer.Ordinal)
    {
        EventTypes.Panic, EventTypes.Cancel, EventTypes.Tamper, EventTypes.BatteryLow, EventTypes.DeviceOffline,
        EventTypes.CheckpointMissed, EventTypes.GatewayTamper,
    };

    private readonly Channel<(EventEnvelope Envelope, AppendOutcome Outcome, long ReceivedAt)> _inbox =
        Channel.CreateUnbounded<(EventEnvelope, AppendOutcome, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Alarm> _alarms = [];
    private readonly object _gate = new();
    private readonly IDeviceDirectory _directory;
    private readonly AlarmAcknowledger _acks;
    private readonly GatewayEventEmitter _emitter;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmBoard> _logger;
    private readonly Task _loop;

    public AlarmBoard(IDeviceDirectory directory, AlarmAcknowledger acks, GatewayEventEmitter emitter, TimeProvider time, ILogger<AlarmBoard> logger)
    {
        _directory = directory;
        _acks = acks;
        _emitter = emitter;
        _time = time;
        _logger = logger;
        _acks.Changed += OnAck;
        _emitter.Emitted += OnEmitted;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised (from the board's loop or an ack's caller) after an alarm was added or changed.</summary>
    public event Action<AlarmView>? Changed;

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        if (outcome == AppendOutcome.Duplicate || !Shown.Contains(envelope.Type)) return;
        _inbox.Writer.TryWrite((envelope, outcome, _time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Every alarm on the board, newest first.</summary>
    public IReadOnlyList<AlarmView> Snapshot()
    {
        lock (_gate) return _alarms.AsEnumerable().Reverse().Select(a => a.View()).ToList();
    }

    public AlarmView? Find(string id)
    {
        lock (_gate) return _alarms.FirstOrDefault(a => a.Id == id || a.Ids.Contains(id))?.View();
    }

    private void OnEmitted(EventEnvelope envelope) => OnAccepted(envelope, AppendOutcome.Stored);

    private async Task RunAsync()
    {
        await foreach (var (envelope, outcome, receivedAt) in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var view = Apply(envelope, outcome, receivedAt);
                if (view is not null) Changed?.Invoke(view);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ConsoleLog.BoardFailed(_logger, envelope.Id.ToString(), ex.Message);
            }
        }
    }

    private AlarmView? Apply(EventEnvelope e, AppendOutcome outcome, long receivedAt)
    {
        var id = e.Id.ToString();
        var device = DeviceOf(e);
        if (outcome == AppendOutcome.Coalesced || e.Type == EventTypes.Cancel)
        {
            lock (_gate)
            {
                var type = e.Type == EventTypes.Cancel ? EventTypes.Panic : e.Type;
                var open = _alarms.LastOrDefault(a => a.Device == device && a.Type == type && (e.Type == EventTypes.Cancel || !a.IsAcknowledged));
                if (open is not null)
                {
                    if (e.Type == EventTypes.Cancel) open.CancelRequestedAt = receivedAt;
                    else open.Ids.Add(id);
                    return open.View();
                }
            }
        }
        var info = _directory.Find(device);
        var alarm = new Alarm
        {
            Id = id, Type = e.Type, Class = e.Priority.ToString(), Device = device, Site = info?.Site, Label = info?.Label,
            ReceivedAt = receivedAt, DeviceTime = e.Ts, ClockSynced = e.Sync,
        };
        alarm.Ids.Add(id);
        alarm.Ack = _acks.Find(id);
        lock (_gate)
        {
            _alarms.Add(alarm);
            if (_alarms.Count > Capacity)
            {
                var drop = _alarms.FindIndex(a => a.IsAcknowledged);
                _alarms.RemoveAt(drop >= 0 ? drop : 0);
            }
            return alarm.View();
        }
    }

    /// <summary>The device an event is about: its sender, or for a gateway event the <c>device</c> field of its data.</summary>
    private static string DeviceOf(EventEnvelope e)
    {
        if (!EventTypes.GatewayTypes.Contains(e.Type)) return e.Dev;
        using var doc = JsonDocument.Parse(e.Data);
        return doc.RootElement.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : e.Dev;
    }

    private void OnAck(AckRecord record)
    {
        AlarmView? view;
        lock (_gate)
        {
            var alarm = _alarms.LastOrDefault(a => a.Id == record.EventId || a.Ids.Contains(record.EventId));
            if (alarm is null) return;
            alarm.Ack = record;
            view = alarm.View();
        }
        Changed?.Invoke(view);
    }

    public void Dispose()
    {
        _acks.Changed -= OnAck;
        _emitter.Emitted -= OnEmitted;
        _inbox.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
