using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>Log events of the IoT Hub uplink (event ids 3100–3199). Never logs the connection string, key or token.</summary>
internal static partial class IoTHubLog
{
    [LoggerMessage(3100, LogLevel.Information, "IoT Hub link connected to {Host}:{Port} as {DeviceId}; token valid until {ExpiresAt:u}")]
    public static partial void Connected(ILogger logger, string host, int port, string deviceId, DateTimeOffset expiresAt);

    [LoggerMessage(3102, LogLevel.Information, "IoT Hub link lost: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(3103, LogLevel.Information, "IoT Hub SAS token expires at {ExpiresAt:u}: reconnecting with a fresh token")]
    public static partial void RenewingToken(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(3105, LogLevel.Error, "IoT Hub cloud-to-device message refused: {Reason}")]
    public static partial void BadCloudMessage(ILogger logger, string reason);

    [LoggerMessage(3106, LogLevel.Information, "IoT Hub direct method {Method} (rid {RequestId}) answered {Status}")]
    public static partial void MethodAnswered(ILogger logger, string method, string requestId, int status);

    [LoggerMessage(3107, LogLevel.Error, "IoT Hub direct method {Method} (rid {RequestId}) failed with {Status}: {Reason}")]
    public static partial void MethodFailed(ILogger logger, string method, string requestId, int status, string reason);

    [LoggerMessage(3108, LogLevel.Information, "IoT Hub twin desired properties applied (version {Version})")]
    public static partial void DesiredApplied(ILogger logger, string version);

    [LoggerMessage(3109, LogLevel.Error, "IoT Hub twin desired properties refused (version {Version}): {Reason}")]
    public static partial void DesiredRefused(ILogger logger, string version, string reason);

    [LoggerMessage(3110, LogLevel.Warning, "IoT Hub twin request failed: {Reason}")]
    public static partial void TwinFailed(ILogger logger, string reason);

    [LoggerMessage(3111, LogLevel.Information, "IoT Hub C2D command answered {Status}: {Reply}")]
    public static partial void CommandDone(ILogger logger, int status, string reply);

    [LoggerMessage(3114, LogLevel.Debug, "IoT Hub twin reported properties sent")]
    public static partial void Reported(ILogger logger);

    [LoggerMessage(3115, LogLevel.Debug, "IoT Hub: {Count} alarms that waited for the link, a slot or the send rate go in one message ({Bytes} bytes)")]
    public static partial void AlarmsPacked(ILogger logger, int count, int bytes);
}
