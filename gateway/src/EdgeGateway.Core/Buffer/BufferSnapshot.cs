namespace EdgeGateway.Core.Buffer;

/// <summary>The buffer at one moment.</summary>
/// <param name="Classes">One entry per class, P0..P3 in order.</param>
/// <param name="UsedBytes">Bytes the quota counts (payloads plus the per-row overhead).</param>
/// <param name="QuotaBytes">The quota (<c>Buffer:QuotaMb</c>).</param>
/// <param name="FileBytes">The buffer's files on disk (database and write-ahead log).</param>
public sealed record BufferSnapshot(IReadOnlyList<ClassBacklog> Classes, long UsedBytes, long QuotaBytes, long FileBytes);
