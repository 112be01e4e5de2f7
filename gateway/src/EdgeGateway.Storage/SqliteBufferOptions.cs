namespace EdgeGateway.Storage;

/// <summary>The SQLite buffer's own settings (section <c>Buffer</c>); the store-and-forward policy is Core's <see cref="EdgeGateway.Core.Buffer.BufferPolicy"/>.</summary>
public sealed class SqliteBufferOptions
{
    /// <summary>The SQLite file; relative paths are under the gateway's data directory.</summary>
    public string Path { get; set; } = "buffer.db";

    /// <summary>Most operations one group commit covers.</summary>
    public int MaxGroup { get; set; } = 1024;

    /// <summary>
    /// How long a group commit may wait for more appends while devices that sent recently have none in it yet
    /// (<see cref="GroupWindow"/>); never for a P0. Zero commits whatever is queued at once.
    /// </summary>
    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMilliseconds(10);

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
        if (GroupWindow < TimeSpan.Zero || GroupWindow > TimeSpan.FromSeconds(1)) yield return $"Buffer:GroupWindow {GroupWindow} must be 0..00:00:01";
        if (SeenMax < 1000) yield return $"Buffer:SeenMax {SeenMax} must be >= 1000";
        if (SeenRetention < TimeSpan.FromMinutes(1)) yield return "Buffer:SeenRetention must be >= 1 minute";
        if (MaintenanceInterval < TimeSpan.FromMilliseconds(10)) yield return "Buffer:MaintenanceInterval must be >= 10 ms";
    }
}
