using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Ingest;

/// <summary>Log events of ingest (event ids 1000–1099). Payloads and secrets are never logged.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(1000, LogLevel.Debug, "ingest  {EventId} {Type} {Priority} committed in {CommitMs:0.0} ms")]
    public static partial void Stored(ILogger logger, string eventId, string type, string priority, double commitMs);

    [LoggerMessage(1001, LogLevel.Debug, "ingest  {EventId} duplicate, acked without storing")]
    public static partial void Duplicate(ILogger logger, string eventId);

    [LoggerMessage(1002, LogLevel.Warning, "ingest  refused a publish from {Device}: {Reason} ({Detail}); {Suppressed} more suppressed since the last report")]
    public static partial void Rejected(ILogger logger, string device, string reason, string detail, long suppressed);

    [LoggerMessage(1003, LogLevel.Information, "ingest  {EventId} {Type} committed, coalesced into its debounce group (repeat {Repeat})")]
    public static partial void Coalesced(ILogger logger, string eventId, string type, int repeat);

    [LoggerMessage(1004, LogLevel.Error, "ingest  {EventId} {Type} NOT stored: disk quota reached with only P0/P1 left; not acked, the device keeps it")]
    public static partial void BufferFull(ILogger logger, string eventId, string type);

    [LoggerMessage(1005, LogLevel.Error, "ingest  observer {Observer} failed on an accepted event (the event is stored and acked): {Reason}")]
    public static partial void ObserverFailed(ILogger logger, string observer, string reason);
}
