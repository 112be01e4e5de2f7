namespace EdgeGateway.Core.Debounce;

/// <summary>The G6 coalescing windows (section <c>Debounce</c>). Zero turns a rule off.</summary>
public sealed class DebounceOptions
{
    /// <summary>Repeated panics from one device within this window of the first go up as updates with a rising <c>repeat</c>.</summary>
    public TimeSpan PanicWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The same card at the same checkpoint within this window of the first tap is one check-in.</summary>
    public TimeSpan CheckinWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A heartbeat replaces a still-buffered one from its device when both fall in this window.</summary>
    public TimeSpan HeartbeatWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The most events one buffered update stands for (its <c>ids</c>). Past it the next event starts a new update, so a
    /// row merged while the uplink is behind stops growing and keeps its place in the queue (see docs/STORE-AND-FORWARD.md).
    /// </summary>
    public int MaxIdsPerUpdate { get; set; } = 32;

    public IEnumerable<string> Validate()
    {
        if (MaxIdsPerUpdate is < 2 or > 1000) yield return $"Debounce:MaxIdsPerUpdate {MaxIdsPerUpdate} must be 2-1000";
        var max = TimeSpan.FromDays(1);
        if (PanicWindow < TimeSpan.Zero || PanicWindow > max) yield return $"Debounce:PanicWindow {PanicWindow} must be 0..1 day";
        if (CheckinWindow < TimeSpan.Zero || CheckinWindow > max) yield return $"Debounce:CheckinWindow {CheckinWindow} must be 0..1 day";
        if (HeartbeatWindow < TimeSpan.Zero || HeartbeatWindow > max) yield return $"Debounce:HeartbeatWindow {HeartbeatWindow} must be 0..1 day";
    }

    public DebounceOptions Clone() => (DebounceOptions)MemberwiseClone();
}
