namespace EdgeGateway.Patrols.Engine;

/// <summary>One checkpoint of a round as stored: its windows (fixed when the round opened) and what happened.</summary>
internal sealed record StopState(int Index, string Checkpoint, string Name, DateTimeOffset Expected, DateTimeOffset OnTimeUntil, DateTimeOffset Closes,
    TimeSpan Walk, DateTimeOffset? Tapped, string? Card, string? Verdict, string? Event = null)
{
    public bool Pending => Verdict is null;
}
