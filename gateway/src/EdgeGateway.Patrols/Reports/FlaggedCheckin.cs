namespace EdgeGateway.Patrols.Reports;

/// <summary>A check-in with flags (see <see cref="Fraud.Flags"/>), by its event id upstream.</summary>
public sealed record FlaggedCheckin(string EventId, string Beacon, string Checkpoint, string Card, string? Member, DateTimeOffset At, IReadOnlyList<string> Flags);
