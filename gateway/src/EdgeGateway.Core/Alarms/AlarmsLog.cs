using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Alarms;

/// <summary>Log events of the gateway's local alarm board (event ids 4750–4769).</summary>
internal static partial class AlarmsLog
{
    [LoggerMessage(4750, LogLevel.Warning, "alarm {EventId} raised locally")]
    public static partial void Raised(ILogger logger, string eventId);

    [LoggerMessage(4751, LogLevel.Information, "alarm {EventId} acknowledged ({Source})")]
    public static partial void Acknowledged(ILogger logger, string eventId, string source);

    [LoggerMessage(4752, LogLevel.Information, "siren silenced for {Count} alarm(s) by {Source}")]
    public static partial void Silenced(ILogger logger, int count, string source);
}
