namespace EdgeGateway.Patrols.Engine;

/// <summary>What became of one checkpoint of a round.</summary>
public static class Verdicts
{
    public const string OnTime = "on_time";
    public const string Late = "late";
    public const string Missed = "missed";
}
