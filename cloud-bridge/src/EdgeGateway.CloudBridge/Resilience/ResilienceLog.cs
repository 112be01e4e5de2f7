using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>Log events of the resilience layer and the link keepers (event ids 3050–3069): one per state change, never one per attempt.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(3050, LogLevel.Warning, "Uplink {Uplink} circuit is open after {Failures} failed attempts in a row; other than alarms, sends fail at once for {Seconds} s, then one probes")]
    public static partial void CircuitOpened(ILogger logger, string uplink, int failures, double seconds);

    [LoggerMessage(3051, LogLevel.Information, "Uplink {Uplink} circuit closed: a send got through")]
    public static partial void CircuitClosed(ILogger logger, string uplink);

    [LoggerMessage(3052, LogLevel.Debug, "Uplink {Uplink} attempt {Attempt} failed, retrying in {DelayMs:0} ms: {Reason}")]
    public static partial void Retrying(ILogger logger, string uplink, int attempt, double delayMs, string reason);

    [LoggerMessage(3053, LogLevel.Warning, "Uplink {Uplink} link down: {Reason}; reconnecting with a backoff of {FirstMs:0} ms doubling up to {MaxMs:0} ms")]
    public static partial void LinkDown(ILogger logger, string uplink, string reason, double firstMs, double maxMs);

    [LoggerMessage(3054, LogLevel.Debug, "Uplink {Uplink} connect attempt failed, next in {DelayMs:0} ms: {Reason}")]
    public static partial void ConnectRetry(ILogger logger, string uplink, double delayMs, string reason);

    [LoggerMessage(3055, LogLevel.Information, "Uplink {Uplink} link up again after {Seconds:0.0} s and {Attempts} connect attempt(s)")]
    public static partial void LinkRestored(ILogger logger, string uplink, double seconds, int attempts);

    [LoggerMessage(3056, LogLevel.Debug, "Uplink {Uplink} reset of connection {Generation} skipped: connection {Current} is current ({Reason})")]
    public static partial void StaleReset(ILogger logger, string uplink, long generation, long current, string reason);

    [LoggerMessage(3057, LogLevel.Debug, "Uplink {Uplink} closes connection {Generation}: {Reason}")]
    public static partial void Reset(ILogger logger, string uplink, long generation, string reason);

    [LoggerMessage(3058, LogLevel.Error, "Uplink {Uplink}: {Reason}. An attempt made again at once cannot succeed, so the link reconnects on its backoff (up to {MaxMs:0} ms) even while alarms wait: check the uplink's credentials and the gateway's identity at the hub")]
    public static partial void Refused(ILogger logger, string uplink, string reason, double maxMs);
}
