namespace EdgeGateway.Patrols.Engine;

/// <summary>What the engine made of one check-in: the round it counted for (if any), the stop's verdict, its flags.</summary>
public sealed record CheckinResult(string? Round, string? Verdict, IReadOnlyList<string> Flags, Cards.PatrolCard? Enrolled)
{
    public static readonly CheckinResult Repeat = new(null, null, [], null);
}
