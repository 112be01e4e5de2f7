using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>Log events of the durable buffer (event ids 3200–3299). Payloads are never logged.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(3200, LogLevel.Warning, "buffer  shed {EventId} {Type} {Priority}: disk quota of {QuotaMb} MB reached")]
    public static partial void Shed(ILogger logger, string eventId, string type, string priority, double quotaMb);

    [LoggerMessage(3201, LogLevel.Warning, "buffer  expired {EventId} {Type} {Priority}: waited longer than its TTL of {Ttl}")]
    public static partial void Expired(ILogger logger, string eventId, string type, string priority, TimeSpan ttl);

    [LoggerMessage(3202, LogLevel.Error, "buffer  group commit of {Count} operation(s) failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, int count, string reason);

    [LoggerMessage(3204, LogLevel.Error, "buffer  the disk is full: {Count} event(s) not stored and not acked (devices keep them and retry); shedding the oldest P3, then P2 events to make room, never P0/P1. Logged once until space returns")]
    public static partial void DiskFull(ILogger logger, int count);

    [LoggerMessage(3205, LogLevel.Warning, "buffer  disk space is back: events are stored and acked again")]
    public static partial void DiskSpaceBack(ILogger logger);

    [LoggerMessage(3203, LogLevel.Information, "buffer  opened {Path}: {Count} event(s) waiting, {Seen} id(s) in the seen-set")]
    public static partial void Opened(ILogger logger, string path, long count, long seen);
}
