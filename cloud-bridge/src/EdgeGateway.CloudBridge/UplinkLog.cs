using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge;

/// <summary>Log events of the cloud bridge (event ids 3000–3099).</summary>
internal static partial class UplinkLog
{
    [LoggerMessage(3000, LogLevel.Information, "Uplink {Uplink} connected to {Host}:{Port}")]
    public static partial void Connected(ILogger logger, string uplink, string host, int port);

    [LoggerMessage(3001, LogLevel.Debug, "Uplink {Uplink} reset: {Reason}")]
    public static partial void ResetFailed(ILogger logger, string uplink, string reason);

    [LoggerMessage(3003, LogLevel.Information, "Uplink {Uplink} command on {Topic} answered {Status}")]
    public static partial void CommandAnswered(ILogger logger, string uplink, string topic, int status);

    [LoggerMessage(3004, LogLevel.Error, "Uplink {Uplink} could not subscribe to commands on {Topic}: {Reason}")]
    public static partial void SubscribeFailed(ILogger logger, string uplink, string topic, string reason);

    [LoggerMessage(3005, LogLevel.Warning, "Uplink {Uplink} could not finish a command: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string uplink, string reason);

    [LoggerMessage(3006, LogLevel.Warning, "Uplink {Uplink} could not publish its presence to {Topic}: {Reason}")]
    public static partial void PresenceFailed(ILogger logger, string uplink, string topic, string reason);
}
