using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Supervision;

/// <summary>
/// G8: watches every registered, non-revoked device that was seen at least once. Signs of life are the registry's
/// last-seen and last-heartbeat times (connections and heartbeats, kept across restarts) and every event ingest
/// accepts. <see cref="CheckAsync"/> applies <see cref="SupervisionPolicy"/> and emits <c>device_offline</c> (P1:
/// last seen, last battery) or <c>device_online</c> (P2); the state changes only once the event is stored, and is
/// saved through <see cref="ISupervisionStore"/> so a restart neither repeats nor forgets an offline device.
/// </summary>
public sealed class DeviceSupervisor : IDeviceSupervision, IAcceptedEventObserver
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromMinutes(1);

    private readonly IDeviceDirectory _directory;
    private readonly ISupervisionStore _store;
    private readonly GatewayEventEmitter _events;
    private readonly SupervisionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startedAt;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _observed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _battery = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly Dictionary<string, SupervisedDevice> _state = new(StringComparer.Ordinal);
    private DateTimeOffset _savedAt;

    public DeviceSupervisor(IDeviceDirectory directory, ISupervisionStore store, GatewayEventEmitter events, SupervisionOptions options,
        TimeProvider time, ILogger<DeviceSupervisor> logger)
    {
        _directory = directory;
        _store = store;
        _events = events;
        _options = options;
        _time = time;
        _logger = logger;
        _startedAt = _savedAt = time.GetUtcNow();
        foreach (var d in Load()) _state[d.Id] = d;
        SupervisionLog.Started(_logger, _state.Count, _state.Values.Count(d => d.Offline),
            (_startedAt + options.OfflineAfter("")).ToString("u", System.Globalization.CultureInfo.InvariantCulture));
    }

    public event Action<DeviceHealth>? Changed;

    public IReadOnlyList<DeviceHealth> Current()
    {
        lock (_gate)
        {
            return _state.Values.Select(ToHealth).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
        }
    }

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        _observed[envelope.Dev] = Millis(_time.GetUtcNow());
        if (envelope.Type is EventTypes.Heartbeat or EventTypes.BatteryLow && TryBattery(envelope.Data, out var mv)) _battery[envelope.Dev] = mv;
    }

    /// <summary>Checks every device once now; runs each <see cref="SupervisionOptions.CheckInterval"/>.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DeviceInfo> devices;
        try
        {
            devices = _directory.List();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SupervisionLog.Failed(_logger, "read the device registry", ex.Message);
            return;
        }
        var now = _time.GetUtcNow();
        var transitions = new List<(SupervisedDevice State, SupervisionVerdict Verdict, DateTimeOffset Alive)>();
        var dirty = Track(devices, now, transitions);
        var results = await Task.WhenAll(transitions.Select(t => ApplyAsync(t.State, t.Verdict, t.Alive, cancellationToken))).ConfigureAwait(false);
        if (dirty || results.Any(r => r) || now - _savedAt >= SaveEvery) Save(now);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await CheckAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Updates the in-memory state from the registry; collects the devices whose state must change. True if devices came or went.</summary>
    private bool Track(IReadOnlyList<DeviceInfo> devices, DateTimeOffset now, List<(SupervisedDevice, SupervisionVerdict, DateTimeOffset)> transitions)
    {
        var dirty = false;
        var present = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var d in devices)
            {
                if (d.Revoked || Alive(d) is not { } alive) continue;
                present.Add(d.Id);
                int? battery = _battery.TryGetValue(d.Id, out var b) ? b : null;
                if (!_state.TryGetValue(d.Id, out var state))
                {
                    _state[d.Id] = state = new SupervisedDevice(d.Id, d.Type, alive, battery, Offline: false);
                    dirty = true;
                }
                var verdict = SupervisionPolicy.Decide(state, alive, now, _startedAt, _options.OfflineAfter(d.Type));
                if (verdict != SupervisionVerdict.Unchanged) transitions.Add((state, verdict, alive));
                else if (!state.Offline) _state[d.Id] = state with { Type = d.Type, LastAlive = alive, BatteryMv = battery ?? state.BatteryMv };
            }
            foreach (var gone in _state.Keys.Where(id => !present.Contains(id)).ToList())
            {
                _state.Remove(gone);
                dirty = true;
            }
        }
        // Events of clients the registry does not know (open lab mode) are not kept.
        var registered = devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _observed.Keys)
        {
            if (!registered.Contains(id))
            {
                _observed.TryRemove(id, out _);
                _battery.TryRemove(id, out _);
            }
        }
        return dirty;
    }

    /// <summary>Emits the event and only then changes the state; false (retried at the next check) if it could not be stored.</summary>
    private async Task<bool> ApplyAsync(SupervisedDevice state, SupervisionVerdict verdict, DateTimeOffset alive, CancellationToken cancellationToken)
    {
        var offline = verdict == SupervisionVerdict.WentOffline;
        var type = offline ? EventTypes.DeviceOffline : EventTypes.DeviceOnline;
        var data = offline
            ? JsonSerializer.Serialize(new DeviceOfflineData(state.Id, state.Type, alive.ToUnixTimeMilliseconds(), state.BatteryMv,
                (long)_options.OfflineAfter(state.Type).TotalSeconds), CoreJsonContext.Default.DeviceOfflineData)
            : JsonSerializer.Serialize(new DeviceOnlineData(state.Id, state.Type, alive.ToUnixTimeMilliseconds(), state.LastAlive.ToUnixTimeMilliseconds()),
                CoreJsonContext.Default.DeviceOnlineData);
        try
        {
            await _events.EmitAsync(type, data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            SupervisionLog.Failed(_logger, "store " + type + " of " + state.Id, ex.Message);
            return false;
        }
        var next = state with { LastAlive = alive, Offline = offline };
        lock (_gate)
        {
            if (!_state.ContainsKey(state.Id)) return false;
            _state[state.Id] = next;
        }
        if (offline) SupervisionLog.Offline(_logger, state.Id, alive);
        else SupervisionLog.Online(_logger, state.Id);
        Changed?.Invoke(ToHealth(next));
        return true;
    }

    private DateTimeOffset? Alive(DeviceInfo d)
    {
        DateTimeOffset? alive = null;
        foreach (var t in new[] { d.LastSeen, d.LastHeartbeat, _observed.TryGetValue(d.Id, out var o) ? o : (DateTimeOffset?)null })
        {
            if (t is { } v && (alive is null || v > alive)) alive = v;
        }
        return alive is { } a ? Millis(a) : null;
    }

    private IReadOnlyList<SupervisedDevice> Load()
    {
        try
        {
            return _store.Load();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SupervisionLog.Failed(_logger, "load its state (every device starts online)", ex.Message);
            return [];
        }
    }

    private void Save(DateTimeOffset now)
    {
        List<SupervisedDevice> snapshot;
        lock (_gate)
        {
            snapshot = [.. _state.Values];
        }
        try
        {
            _store.Save(snapshot);
            _savedAt = now;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SupervisionLog.Failed(_logger, "save its state", ex.Message);
        }
    }

    private static DeviceHealth ToHealth(SupervisedDevice d) => new(d.Id, d.Type, !d.Offline, d.LastAlive, d.BatteryMv);

    private static DateTimeOffset Millis(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    private static bool TryBattery(string data, out int millivolts)
    {
        millivolts = 0;
        if (!data.Contains("battery_mv", StringComparison.Ordinal)) return false;
        try
        {
            using var doc = JsonDocument.Parse(data);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("battery_mv", out var v)
                && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out millivolts);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
