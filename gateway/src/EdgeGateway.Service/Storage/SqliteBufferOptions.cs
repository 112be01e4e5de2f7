namespace EdgeGateway.Service.Storage;

/// <summary>The durable buffer (section <c>Buffer</c>).</summary>
public sealed class SqliteBufferOptions
{
    /// <summary>The SQLite file; relative paths are under the gateway's data directory.</summary>
    public string Path { get; set; } = "buffer.db";

    /// <summary>Most operations one group commit covers.</summary>
    public int MaxGroup { get; set; } = 1024;

    /// <summary>
    /// Disk quota in MB for buffered events (payload plus per-row overhead) and the seen-set (G7). When reached,
    /// P3 is shed, then P2, oldest first; P0/P1 are never shed; when only they are left, appends are refused.
    /// </summary>
    public double QuotaMb { get; set; } = 1024;

    /// <summary>Wall-clock time a P2 event may wait in the buffer (from its receipt; survives restarts). Zero: no limit.</summary>
    public TimeSpan TtlP2 { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Wall-clock time a P3 event may wait in the buffer. Zero: no limit.</summary>
    public TimeSpan TtlP3 { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most event ids the de-duplication seen-set keeps (oldest dropped first).</summary>
    public int SeenMax { get; set; } = 1_000_000;

    /// <summary>How long an id stays in the seen-set.</summary>
    public TimeSpan SeenRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often TTL expiry and seen-set pruning run.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) yield return "Buffer:Path must be set";
        if (MaxGroup is < 1 or > 100_000) yield return $"Buffer:MaxGroup {MaxGroup} must be 1..100000";
        if (QuotaMb is <= 0 or > 1_000_000) yield return $"Buffer:QuotaMb {QuotaMb} must be > 0 and <= 1000000";
        if (TtlP2 < TimeSpan.Zero) yield return "Buffer:TtlP2 must be >= 0 (0 = no limit)";
        if (TtlP3 < TimeSpan.Zero) yield return "Buffer:TtlP3 must be >= 0 (0 = no limit)";
        if (SeenMax < 1000) yield return $"Buffer:SeenMax {SeenMax} must be >= 1000";
        if (SeenRetention < TimeSpan.FromMinutes(1)) yield return "Buffer:SeenRetention must be >= 1 minute";
        if (MaintenanceInterval < TimeSpan.FromMilliseconds(10)) yield return "Buffer:MaintenanceInterval must be >= 10 ms";
    }
}
