namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// Section <c>Uplink:Resilience</c>: the one resilience layer every uplink is wrapped in (<see cref="ResilientUplink"/>)
/// and the reconnect backoff each link's keeper loop owns (<see cref="LinkKeeper"/>).
/// </summary>
public sealed class UplinkResilienceOptions
{
    /// <summary>
    /// Attempts per alarm batch (1 = no retry), one right after another, before the send fails back to the forwarder.
    /// Other batches get one attempt: the forwarder's cursor rewind resends them in order (G5).
    /// </summary>
    public int Attempts { get; set; } = 3;

    /// <summary>The circuit opens after exactly this many failed attempts in a row (any success resets the count).</summary>
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>How long an open circuit fails non-alarm batches at once; then one batch probes. Alarms always get an attempt.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The link's reconnect backoff after a loss or a failed connect: from this, doubling, jittered.</summary>
    public TimeSpan ReconnectMin { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An alarm waiting for a down link ends the reconnect backoff at once, but connect attempts stay at least this far
    /// apart, so many alarms cannot turn into a burst of connects.
    /// </summary>
    public TimeSpan UrgentReconnectGap { get; set; } = TimeSpan.FromMilliseconds(100);

    public IEnumerable<string> Validate()
    {
        const string s = "Uplink:Resilience:";
        if (Attempts is < 1 or > 20) yield return $"{s}Attempts {Attempts} must be 1..20";
        if (BreakAfterFailures < 1) yield return $"{s}BreakAfterFailures must be >= 1";
        if (BreakDuration < TimeSpan.FromMilliseconds(100)) yield return $"{s}BreakDuration must be at least 0.1 s";
        if (ReconnectMin < TimeSpan.FromMilliseconds(10) || ReconnectMax < ReconnectMin) yield return $"{s}ReconnectMin must be at least 10 ms and <= ReconnectMax";
        if (UrgentReconnectGap < TimeSpan.FromMilliseconds(10) || UrgentReconnectGap > ReconnectMax)
            yield return $"{s}UrgentReconnectGap must be at least 10 ms and <= ReconnectMax";
    }
}
