using Microsoft.Extensions.Logging;

namespace EdgeGateway.Broker;

/// <summary>Log events of the broker's device authentication and ACL (event ids 1600–1649, shared with the registry). Never logs a secret.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(1600, LogLevel.Warning, "auth    refused {Device} from {Remote}: {Reason} ({Suppressed} more refusals for this id not logged since its last line; at most one line a minute per id)")]
    public static partial void Refused(ILogger logger, string device, string remote, string reason, long suppressed);

    [LoggerMessage(1602, LogLevel.Debug, "auth    {Device} connected from {Remote}")]
    public static partial void Connected(ILogger logger, string device, string remote);

    [LoggerMessage(1603, LogLevel.Warning, "acl     {Device} tried to publish to {Topic}: refused, disconnected")]
    public static partial void PublishRefused(ILogger logger, string device, string topic);

    [LoggerMessage(1604, LogLevel.Warning, "acl     {Device} tried to subscribe to {Topic}: refused")]
    public static partial void SubscribeRefused(ILogger logger, string device, string topic);

    [LoggerMessage(1607, LogLevel.Warning, "broker  device authentication is OFF (Broker:RequireAuth=false): any client may connect")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(1608, LogLevel.Information, "broker  TLS listening on {Host}:{Port}")]
    public static partial void TlsListening(ILogger logger, string host, int port);

    [LoggerMessage(1609, LogLevel.Warning, "auth    {Device} from {Remote}: the registry is unavailable, told to come back later")]
    public static partial void RegistryUnavailable(ILogger logger, string device, string remote);
}
