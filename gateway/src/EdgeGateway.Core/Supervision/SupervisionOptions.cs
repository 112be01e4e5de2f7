namespace EdgeGateway.Core.Supervision;

/// <summary>Section <c>Supervision</c> (G8): when a registered device counts as offline, and how often the gateway reports itself.</summary>
public sealed class SupervisionOptions
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>The heartbeat interval of a device type not listed in <see cref="HeartbeatIntervals"/> (SPEC: 60 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Heartbeat interval per device type (the registry's type, e.g. <c>panic-button</c>, <c>beacon</c>).</summary>
    public Dictionary<string, TimeSpan> HeartbeatIntervals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A device is offline after this many intervals without a heartbeat, an event or a connection.</summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>How often <c>gateway_status</c> goes upstream.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the devices are checked (an offline device is reported at most this late).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan IntervalFor(string type) => HeartbeatIntervals.TryGetValue(type, out var i) ? i : HeartbeatInterval;

    /// <summary>Silence longer than this makes a device of the type offline.</summary>
    public TimeSpan OfflineAfter(string type) => IntervalFor(type) * MissedHeartbeats;

    public IEnumerable<string> Validate()
    {
        if (HeartbeatInterval < MinInterval) yield return $"Supervision:HeartbeatInterval must be at least {MinInterval}";
        foreach (var (type, interval) in HeartbeatIntervals)
        {
            if (interval < MinInterval) yield return $"Supervision:HeartbeatIntervals:{type} must be at least {MinInterval}";
        }
        if (MissedHeartbeats is < 1 or > 100) yield return "Supervision:MissedHeartbeats must be 1..100";
        if (StatusInterval < TimeSpan.FromSeconds(10)) yield return "Supervision:StatusInterval must be at least 00:00:10";
        if (CheckInterval < TimeSpan.FromMilliseconds(100) || CheckInterval > TimeSpan.FromMinutes(1))
            yield return "Supervision:CheckInterval must be between 00:00:00.100 and 00:01:00";
    }
}
