using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Registry;

/// <summary>Log events of device authentication and the registry (event ids 1600–1649). Never logs a secret.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(1600, LogLevel.Warning, "auth    refused {Device} from {Remote}: {Reason}")]
    public static partial void Refused(ILogger logger, string device, string remote, string reason);

    [LoggerMessage(1601, LogLevel.Warning, "auth    rate-limited {Device} from {Remote}: too many failed attempts, refusing for up to {WindowSeconds} s")]
    public static partial void RateLimited(ILogger logger, string device, string remote, int windowSeconds);

    [LoggerMessage(1602, LogLevel.Information, "auth    {Device} connected from {Remote}")]
    public static partial void Connected(ILogger logger, string device, string remote);

    [LoggerMessage(1603, LogLevel.Warning, "acl     {Device} tried to publish to {Topic}: refused, disconnected")]
    public static partial void PublishRefused(ILogger logger, string device, string topic);

    [LoggerMessage(1604, LogLevel.Warning, "acl     {Device} tried to subscribe to {Topic}: refused")]
    public static partial void SubscribeRefused(ILogger logger, string device, string topic);

    [LoggerMessage(1605, LogLevel.Warning, "auth    {Device} was revoked: disconnected")]
    public static partial void RevokedDisconnected(ILogger logger, string device);

    [LoggerMessage(1606, LogLevel.Error, "registry could not be read or written: {Reason}")]
    public static partial void RegistryFailed(ILogger logger, string reason);

    [LoggerMessage(1607, LogLevel.Warning, "broker  device authentication is OFF (Broker:RequireAuth=false): any client may connect")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(1608, LogLevel.Information, "broker  TLS listening on {Host}:{Port}")]
    public static partial void TlsListening(ILogger logger, string host, int port);
}
