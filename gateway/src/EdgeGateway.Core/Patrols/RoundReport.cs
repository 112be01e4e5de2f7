namespace EdgeGateway.Core.Patrols;

/// <summary>One round: planned against actual per checkpoint, counts, who walked it and the flagged check-ins.</summary>
public sealed record RoundReport(string Round, string Schedule, string Route, string Team, DateTimeOffset Start, DateTimeOffset End, bool Completed,
    int OnTime, int Late, int Missed, IReadOnlyList<string> WalkedBy, IReadOnlyList<StopReport> Stops, IReadOnlyList<FlaggedCheckin> Flagged);
