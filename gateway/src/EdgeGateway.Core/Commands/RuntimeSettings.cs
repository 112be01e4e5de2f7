using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Core.Commands;

/// <summary>
/// The holder behind <see cref="IRuntimeSettings"/>. A desired-properties document is applied all or nothing:
/// <c>{"debounce":{"panicWindowSeconds":30,"checkinWindowSeconds":60},"heartbeatIntervalSeconds":60}</c>.
/// A <c>null</c> value restores the configured default; unknown keys and twin metadata (<c>$version</c>) are ignored.
/// </summary>
public sealed class RuntimeSettings : IRuntimeSettings
{
    public const int MaxWindowSeconds = 3600;
    public const int MinHeartbeatSeconds = 5;

    /// <summary>The devices' heartbeat interval until a twin says otherwise (SPEC: default 60 s).</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(60);
    public const int MaxHeartbeatSeconds = 86400;

    private readonly object _lock = new();
    private readonly TimeSpan _defaultPanic, _defaultCheckin, _defaultHeartbeat;
    private TimeSpan _panic, _checkin, _heartbeat;

    public RuntimeSettings(TimeSpan panicWindow, TimeSpan checkinWindow, TimeSpan heartbeatInterval)
    {
        _panic = _defaultPanic = panicWindow;
        _checkin = _defaultCheckin = checkinWindow;
        _heartbeat = _defaultHeartbeat = heartbeatInterval;
    }

    public TimeSpan PanicWindow { get { lock (_lock) { return _panic; } } }

    public TimeSpan CheckinWindow { get { lock (_lock) { return _checkin; } } }

    public TimeSpan HeartbeatInterval { get { lock (_lock) { return _heartbeat; } } }

    public event Action<IRuntimeSettings>? Changed;

    /// <summary>Applies a desired document or patch; returns the problems (then nothing was changed).</summary>
    public IReadOnlyList<string> Apply(JsonElement desired)
    {
        var problems = new List<string>();
        TimeSpan panic, checkin, heartbeat;
        lock (_lock)
        {
            (panic, checkin, heartbeat) = (_panic, _checkin, _heartbeat);
        }
        if (desired.TryGetProperty("debounce", out var debounce))
        {
            if (debounce.ValueKind == JsonValueKind.Null)
            {
                (panic, checkin) = (_defaultPanic, _defaultCheckin);
            }
            else if (debounce.ValueKind != JsonValueKind.Object)
            {
                problems.Add("debounce must be an object");
            }
            else
            {
                panic = Seconds(debounce, "panicWindowSeconds", 0, MaxWindowSeconds, panic, _defaultPanic, problems);
                checkin = Seconds(debounce, "checkinWindowSeconds", 0, MaxWindowSeconds, checkin, _defaultCheckin, problems);
            }
        }
        heartbeat = Seconds(desired, "heartbeatIntervalSeconds", MinHeartbeatSeconds, MaxHeartbeatSeconds, heartbeat, _defaultHeartbeat, problems);
        if (problems.Count > 0) return problems;
        bool changed;
        lock (_lock)
        {
            changed = (panic, checkin, heartbeat) != (_panic, _checkin, _heartbeat);
            (_panic, _checkin, _heartbeat) = (panic, checkin, heartbeat);
        }
        if (changed) Changed?.Invoke(this);
        return problems;
    }

    private static TimeSpan Seconds(JsonElement parent, string name, int min, int max, TimeSpan current, TimeSpan fallback, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var value)) return current;
        if (value.ValueKind == JsonValueKind.Null) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < min || n > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number of seconds {min}..{max}"));
            return current;
        }
        return TimeSpan.FromSeconds(n);
    }
}
