using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.Core.Status;

/// <summary>
/// What the status LEDs show. Red: an alarm is unacknowledged. Amber: the uplink is down, or events wait longer
/// than <see cref="BacklogGrace"/>; it blinks once events wait, faster the older the oldest one (1 s half-period up
/// to a minute, 500 ms up to 10 minutes, 250 ms up to an hour, 125 ms beyond), steady when the uplink is down with
/// nothing waiting. Green: neither (all well).
/// </summary>
public static class StatusLightPolicy
{
    /// <summary>Events normally leave within milliseconds; waiting this long counts as a backlog.</summary>
    public static readonly TimeSpan BacklogGrace = TimeSpan.FromSeconds(10);

    public static StatusLights Decide(UplinkState uplink, TimeSpan? oldestWaiting, bool unacknowledgedAlarm)
    {
        var backlog = oldestWaiting is { } age && age >= BacklogGrace;
        var amber = uplink != UplinkState.Connected || backlog;
        var blink = backlog ? HalfPeriod(oldestWaiting!.Value) : (TimeSpan?)null;
        return new StatusLights(!amber && !unacknowledgedAlarm, amber, amber ? blink : null, unacknowledgedAlarm);
    }

    public static TimeSpan HalfPeriod(TimeSpan age) => age switch
    {
        _ when age < TimeSpan.FromMinutes(1) => TimeSpan.FromMilliseconds(1000),
        _ when age < TimeSpan.FromMinutes(10) => TimeSpan.FromMilliseconds(500),
        _ when age < TimeSpan.FromHours(1) => TimeSpan.FromMilliseconds(250),
        _ => TimeSpan.FromMilliseconds(125),
    };
}
