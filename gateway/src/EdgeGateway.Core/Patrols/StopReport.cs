namespace EdgeGateway.Core.Patrols;

/// <summary>One checkpoint of a round in a report: planned (expected) against actual (tapped), who, the verdict (null while still open).</summary>
public sealed record StopReport(string Checkpoint, string Name, DateTimeOffset Expected, DateTimeOffset? Tapped, string? Card, string? Member,
    string? Verdict, long? DelaySeconds, IReadOnlyList<string> Flags);
