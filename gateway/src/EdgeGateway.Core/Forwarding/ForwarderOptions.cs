namespace EdgeGateway.Core.Forwarding;

public sealed class ForwarderOptions
{
    /// <summary>Most events handed to the uplink in one batch.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Most batches in flight at once (P0 batches may exceed it: they never wait for a slot).</summary>
    public int Window { get; set; } = 4;

    /// <summary>First retry delay after an uplink failure; doubles up to <see cref="RetryMax"/>, with jitter.</summary>
    public TimeSpan RetryMin { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A failed alarm batch is dispatched again after this, for as long as it fails, never after the doubling backoff:
    /// while a panic waits, the uplink's link is probed this often (its own <c>UrgentReconnectGap</c> still spaces the
    /// connect attempts), so the panic goes up as soon as the hub is back.
    /// </summary>
    public TimeSpan AlarmRetry { get; set; } = TimeSpan.FromMilliseconds(50);

    public IEnumerable<string> Validate()
    {
        if (BatchSize is < 1 or > 10_000) yield return $"Forwarder:BatchSize {BatchSize} must be 1..10000";
        if (Window is < 1 or > 64) yield return $"Forwarder:Window {Window} must be 1..64";
        if (RetryMin <= TimeSpan.Zero) yield return "Forwarder:RetryMin must be positive";
        if (RetryMax < RetryMin) yield return "Forwarder:RetryMax must be >= RetryMin";
        if (AlarmRetry < TimeSpan.FromMilliseconds(10) || AlarmRetry > RetryMax) yield return "Forwarder:AlarmRetry must be at least 10 ms and <= RetryMax";
    }
}
