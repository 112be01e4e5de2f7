namespace EdgeGateway.Core.Patrols;

/// <summary>A check-in with flags (<c>unknown_card</c>, <c>too_fast</c>, …: docs/PATROLS.md), by its event id upstream.</summary>
public sealed record FlaggedCheckin(string EventId, string Beacon, string Checkpoint, string Card, string? Member, DateTimeOffset At, IReadOnlyList<string> Flags);
