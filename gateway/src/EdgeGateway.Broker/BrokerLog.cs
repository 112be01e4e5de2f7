using Microsoft.Extensions.Logging;

namespace EdgeGateway.Broker;

/// <summary>Log events of the embedded broker (event ids 1100–1199).</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(1100, LogLevel.Information, "broker  listening on {Host}:{Port}")]
    public static partial void Listening(ILogger logger, string host, int port);

    [LoggerMessage(1101, LogLevel.Warning, "broker  refused a connection: client id is not a valid device id ({Length} chars; {Suppressed} more not logged since the last such line, at most one a minute)")]
    public static partial void BadClientId(ILogger logger, int length, long suppressed);

    [LoggerMessage(1102, LogLevel.Error, "broker  could not commit an event from {Device}, not acked (device will retry): {Reason}")]
    public static partial void CommitFailed(ILogger logger, string device, string reason);

    [LoggerMessage(1103, LogLevel.Information, "cmd     {Name} for {Device} queued: the device is offline or did not ack yet")]
    public static partial void CommandQueued(ILogger logger, string name, string device);

    [LoggerMessage(1104, LogLevel.Warning, "cmd     {Count} command(s) expired before their device took them; last: {Name} for {Device}")]
    public static partial void CommandsExpired(ILogger logger, int count, string name, string device);

    [LoggerMessage(1105, LogLevel.Warning, "cmd     {Device} connected with a clean session: {Count} queued command(s) dropped")]
    public static partial void CommandsCleared(ILogger logger, string device, int count);

    [LoggerMessage(1106, LogLevel.Error, "cmd     the command queue could not be read or written: {Reason}")]
    public static partial void CommandStoreFailed(ILogger logger, string reason);
}
