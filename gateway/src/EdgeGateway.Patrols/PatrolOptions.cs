namespace EdgeGateway.Patrols;

/// <summary>Section <c>Patrols</c> of the gateway's settings. Routes and schedules are not here: they are in <see cref="File"/>.</summary>
public sealed class PatrolOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The routes and schedules file, relative to the data directory; reloaded when it changes.</summary>
    public string File { get; set; } = "patrols.json";

    /// <summary>How often the engine looks at the clock (rounds opening, windows closing) and at the file.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The same card at two checkpoints within this time is flagged <c>two_places</c>.</summary>
    public TimeSpan SameCardWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A card stack: <see cref="StackCards"/> different cards tapped at one beacon within <see cref="StackWindow"/>.</summary>
    public TimeSpan StackWindow { get; set; } = TimeSpan.FromSeconds(60);

    public int StackCards { get; set; } = 4;

    /// <summary>How far back rounds are opened and judged after the gateway was down (a longer outage judges only this much).</summary>
    public TimeSpan MaxCatchUp { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(File)) yield return "Patrols:File is required (e.g. patrols.json)";
        if (TickInterval < TimeSpan.FromMilliseconds(100) || TickInterval > TimeSpan.FromMinutes(1)) yield return "Patrols:TickInterval must be 00:00:00.1..00:01:00";
        if (SameCardWindow <= TimeSpan.Zero) yield return "Patrols:SameCardWindow must be greater than zero";
        if (StackWindow <= TimeSpan.Zero) yield return "Patrols:StackWindow must be greater than zero";
        if (StackCards < 2) yield return "Patrols:StackCards must be at least 2";
        if (MaxCatchUp < TimeSpan.FromHours(1)) yield return "Patrols:MaxCatchUp must be at least 01:00:00";
    }
}
