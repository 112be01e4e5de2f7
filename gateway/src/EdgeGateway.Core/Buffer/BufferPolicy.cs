using EdgeGateway.Contracts;

namespace EdgeGateway.Core.Buffer;

/// <summary>
/// Store-and-forward policy (section <c>Buffer</c>, SPEC G4/G5): the disk quota, which classes are shed when it is
/// reached and in what order, and how long each class may wait. Storage adapters apply it; they do not decide it.
/// </summary>
public sealed class BufferPolicy
{
    /// <summary>Classes shed when the quota is reached, in this order, oldest first. P0/P1 are never shed (G4).</summary>
    public static readonly IReadOnlyList<PriorityClass> ShedOrder = [PriorityClass.P3, PriorityClass.P2];

    /// <summary>
    /// Disk quota in MB for buffered events (payload plus per-row overhead) and the seen-set (G7). When reached,
    /// <see cref="ShedOrder"/> applies; when only P0/P1 are left, appends are refused (and so not acked).
    /// </summary>
    public double QuotaMb { get; set; } = 1024;

    /// <summary>Wall-clock time a P2 event may wait in the buffer (from its receipt; survives restarts). Zero: no limit.</summary>
    public TimeSpan TtlP2 { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Wall-clock time a P3 event may wait in the buffer. Zero: no limit.</summary>
    public TimeSpan TtlP3 { get; set; } = TimeSpan.FromHours(1);

    public long QuotaBytes => (long)(QuotaMb * 1024 * 1024);

    /// <summary>The classes that expire, with their TTL; P0/P1 never expire (G4).</summary>
    public IEnumerable<(PriorityClass Class, TimeSpan Ttl)> Expiring()
    {
        if (TtlP2 > TimeSpan.Zero) yield return (PriorityClass.P2, TtlP2);
        if (TtlP3 > TimeSpan.Zero) yield return (PriorityClass.P3, TtlP3);
    }

    public TimeSpan TtlOf(PriorityClass priority) => priority switch
    {
        PriorityClass.P2 => TtlP2,
        PriorityClass.P3 => TtlP3,
        _ => TimeSpan.Zero,
    };

    public IEnumerable<string> Validate()
    {
        if (QuotaMb is <= 0 or > 1_000_000) yield return $"Buffer:QuotaMb {QuotaMb} must be > 0 and <= 1000000";
        if (TtlP2 < TimeSpan.Zero) yield return "Buffer:TtlP2 must be >= 0 (0 = no limit)";
        if (TtlP3 < TimeSpan.Zero) yield return "Buffer:TtlP3 must be >= 0 (0 = no limit)";
    }
}
