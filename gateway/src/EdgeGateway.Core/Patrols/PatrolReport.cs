namespace EdgeGateway.Core.Patrols;

/// <summary>The rounds that started in [<see cref="From"/>, <see cref="To"/>), and flagged check-ins that counted for no round.</summary>
public sealed record PatrolReport(DateTimeOffset From, DateTimeOffset To, string? Team, IReadOnlyList<RoundReport> Rounds,
    IReadOnlyList<FlaggedCheckin> FlaggedOutsideRounds);
