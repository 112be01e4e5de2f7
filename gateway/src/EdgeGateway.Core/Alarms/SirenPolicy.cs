namespace EdgeGateway.Core.Alarms;

/// <summary>
/// Whether the siren sounds now: while some held alarm is neither silenced nor older than the maximum sounding
/// time (per alarm, from when it was raised; a later panic of the same held alarm does not restart it).
/// </summary>
public static class SirenPolicy
{
    public static bool ShouldSound(IReadOnlyList<LocalAlarm> alarms, DateTimeOffset now, TimeSpan maxSounding) =>
        alarms.Any(a => !a.Silenced && now - a.RaisedAt < maxSounding);

    /// <summary>When the siren's state changes next by itself (the earliest end of a sounding alarm), or null.</summary>
    public static DateTimeOffset? NextChange(IReadOnlyList<LocalAlarm> alarms, DateTimeOffset now, TimeSpan maxSounding)
    {
        DateTimeOffset? next = null;
        foreach (var a in alarms)
        {
            var end = a.RaisedAt + maxSounding;
            if (!a.Silenced && end > now && (next is null || end < next)) next = end;
        }
        return next;
    }
}
