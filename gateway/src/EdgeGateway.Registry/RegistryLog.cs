using Microsoft.Extensions.Logging;

namespace EdgeGateway.Registry;

/// <summary>Log events of the device registry (event ids 1605–1606 of 1600–1649). Never logs a secret.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(1605, LogLevel.Warning, "auth    {Device} was revoked: disconnected")]
    public static partial void RevokedDisconnected(ILogger logger, string device);

    [LoggerMessage(1606, LogLevel.Error, "registry could not be read or written: {Reason}")]
    public static partial void RegistryFailed(ILogger logger, string reason);
}
