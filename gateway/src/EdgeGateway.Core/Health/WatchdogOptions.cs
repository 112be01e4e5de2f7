namespace EdgeGateway.Core.Health;

/// <summary>Section <c>Watchdog</c>: how the gateway's working parts prove they are alive (see <see cref="LivenessRegistry"/>).</summary>
public sealed class WatchdogOptions
{
    /// <summary>How often an idle part proves it is alive (the broker's self-probe, the forwarder's idle turn).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A part that has not ticked for this long is hung: the systemd watchdog is no longer fed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<string> Validate()
    {
        if (TickInterval < TimeSpan.FromMilliseconds(50)) yield return "Watchdog:TickInterval must be >= 50 ms";
        if (StaleAfter < TickInterval * 2) yield return $"Watchdog:StaleAfter ({StaleAfter}) must be at least twice Watchdog:TickInterval ({TickInterval})";
    }
}
