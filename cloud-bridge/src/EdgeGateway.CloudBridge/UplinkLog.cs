using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge;

/// <summary>Log events of the cloud bridge (event ids 3000–3099).</summary>
internal static partial class UplinkLog
{
    [LoggerMessage(3000, LogLevel.Information, "Uplink {Uplink} connected to {Host}:{Port}")]
    public static partial void Connected(ILogger logger, string uplink, string host, int port);

    [LoggerMessage(3001, LogLevel.Debug, "Uplink {Uplink} reset: {Reason}")]
    public static partial void ResetFailed(ILogger logger, string uplink, string reason);
}
