using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Forwarding;

/// <summary>Log events of the forwarder (event ids 2000–2099).</summary>
internal static partial class ForwarderLog
{
    [LoggerMessage(2000, LogLevel.Debug, "forward {EventId} {Type} {Priority} acked by {Uplink}")]
    public static partial void Forwarded(ILogger logger, string eventId, string type, string priority, string uplink);

    [LoggerMessage(2001, LogLevel.Warning, "forward {Count} event(s) to {Uplink} failed: {Reason}; kept in the buffer, retrying in ~{DelayMs:0} ms")]
    public static partial void SendFailed(ILogger logger, string uplink, int count, string reason, double delayMs);

    [LoggerMessage(2005, LogLevel.Debug, "forward {Count} event(s) to {Uplink} failed again: {Reason}; retrying in ~{DelayMs:0} ms")]
    public static partial void SendFailedAgain(ILogger logger, string uplink, int count, string reason, double delayMs);

    [LoggerMessage(2002, LogLevel.Information, "forward {Count} P0 event(s) at once, ahead of {InFlight} batch(es) in flight")]
    public static partial void Urgent(ILogger logger, int count, int inFlight);

    [LoggerMessage(2003, LogLevel.Information, "forward {Uplink} restored after {OutageSeconds:0.0} s of failures; {Backlog} event(s) buffered")]
    public static partial void Restored(ILogger logger, string uplink, double outageSeconds, long backlog);

    [LoggerMessage(2004, LogLevel.Warning, "forward uplink_restored could not be stored: {Reason}")]
    public static partial void RestoredNotEmitted(ILogger logger, string reason);
}
