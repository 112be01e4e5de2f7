namespace EdgeGateway.Core.Patrols;

/// <summary>A checkpoint judged missed or late, with its round: what the Patrols page lists as needing attention.</summary>
/// <param name="DelaySeconds">How late the tap was after the planned time (null for a missed checkpoint).</param>
public sealed record CheckpointAlert(string Round, string Route, string Team, string Checkpoint, string Name, string Verdict,
    DateTimeOffset Expected, DateTimeOffset? Tapped, long? DelaySeconds, string? Card, string? Member);
