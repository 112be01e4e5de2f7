namespace EdgeGateway.Patrols.Engine;

/// <summary>
/// One accepted <c>checkin</c> as the round engine sees it. <see cref="At"/> is when the card was tapped: the
/// beacon's own stamp when its clock was synced (a check-in queued offline keeps its time), else when the gateway
/// received it.
/// </summary>
public sealed record Checkin(string EventId, string Beacon, string Checkpoint, string Uid, DateTimeOffset At, bool Synced);
