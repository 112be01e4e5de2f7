using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Ingest;

namespace EdgeGateway.Core.Devices;

/// <summary>
/// Keeps each device's latest vitals from the events ingest accepts: <c>heartbeat</c> (<c>battery_mv</c>,
/// <c>rssi</c>, <c>fw</c>, <c>uptime_s</c>), <c>boot</c> (<c>fw</c>) and <c>battery_low</c> (<c>battery_mv</c>).
/// In memory: after a gateway restart a device shows them again with its next heartbeat. At most
/// <see cref="MaxDevices"/> devices are kept (a flood of made-up ids in open lab mode cannot grow it further).
/// </summary>
public sealed class DeviceVitalsTracker(TimeProvider time) : IAcceptedEventObserver, IDeviceVitals
{
    public const int MaxDevices = 20_000;
    public const int MaxFirmwareLength = 32;

    private readonly ConcurrentDictionary<string, DeviceVitals> _vitals = new(StringComparer.Ordinal);

    public DeviceVitals? Find(string deviceId) => _vitals.TryGetValue(deviceId, out var v) ? v : null;

    public IReadOnlyDictionary<string, DeviceVitals> Snapshot() => new Dictionary<string, DeviceVitals>(_vitals, StringComparer.Ordinal);

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        if (envelope.Type is not (EventTypes.Heartbeat or EventTypes.Boot or EventTypes.BatteryLow)) return;
        if (!_vitals.TryGetValue(envelope.Dev, out var current))
        {
            if (_vitals.Count >= MaxDevices) return;
            current = new DeviceVitals(null, null, null, null, null);
        }
        var (battery, rssi, fw, uptime) = Read(envelope.Data);
        var next = current with
        {
            BatteryMv = battery ?? current.BatteryMv,
            Firmware = fw ?? current.Firmware,
            Rssi = envelope.Type == EventTypes.Heartbeat ? rssi ?? current.Rssi : current.Rssi,
            UptimeSeconds = envelope.Type == EventTypes.Heartbeat ? uptime : current.UptimeSeconds,
            HeartbeatAt = envelope.Type == EventTypes.Heartbeat ? time.GetUtcNow() : current.HeartbeatAt,
        };
        _vitals[envelope.Dev] = next;
    }

    /// <summary>The known members of a data object; anything malformed is left out, never thrown.</summary>
    private static (int? Battery, int? Rssi, string? Fw, long? Uptime) Read(string data)
    {
        int? battery = null, rssi = null;
        string? fw = null;
        long? uptime = null;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(data));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString();
                if (!reader.Read()) break;
                switch (name)
                {
                    case "battery_mv" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var b): battery = b; break;
                    case "rssi" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var r): rssi = r; break;
                    case "uptime_s" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var u): uptime = u; break;
                    case "fw" when reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= MaxFirmwareLength } f: fw = f; break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException)
        {
            // A device's data the envelope parser let through but that is not a flat object: keep what was read.
        }
        return (battery, rssi, fw, uptime);
    }
}
