namespace EdgeGateway.Core.Supervision;

/// <summary>
/// G8 as a pure rule. An online device goes offline when it was silent for <c>offlineAfter</c> (3 × its heartbeat
/// interval), counted from its last sign of life or from the gateway's start, whichever is later: after a restart
/// every device gets a fresh grace period, so a gateway that was down does not flood dispatch with
/// <c>device_offline</c>. An offline device is back as soon as it shows any life newer than what it last showed.
/// </summary>
public static class SupervisionPolicy
{
    public static SupervisionVerdict Decide(SupervisedDevice state, DateTimeOffset alive, DateTimeOffset now, DateTimeOffset startedAt,
        TimeSpan offlineAfter)
    {
        if (state.Offline) return alive > state.LastAlive ? SupervisionVerdict.CameBack : SupervisionVerdict.Unchanged;
        var from = alive > startedAt ? alive : startedAt;
        return now >= from + offlineAfter ? SupervisionVerdict.WentOffline : SupervisionVerdict.Unchanged;
    }
}
