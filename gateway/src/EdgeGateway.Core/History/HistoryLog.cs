using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.History;

/// <summary>Log events of the history journal (event ids 5800–5819).</summary>
internal static partial class HistoryLog
{
    [LoggerMessage(5800, LogLevel.Warning, "history journal full: {Count} events not journaled since the last warning (ingest and the buffer are not affected)")]
    public static partial void Dropped(ILogger logger, long count);

    [LoggerMessage(5801, LogLevel.Error, "history journal could not write {Count} events: {Reason}")]
    public static partial void WriteFailed(ILogger logger, int count, string reason);
}
