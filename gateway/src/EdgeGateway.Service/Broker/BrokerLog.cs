using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Broker;

/// <summary>Log events of the embedded broker (event ids 1100–1199).</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(1100, LogLevel.Information, "broker  listening on {Host}:{Port}")]
    public static partial void Listening(ILogger logger, string host, int port);

    [LoggerMessage(1101, LogLevel.Warning, "broker  refused a connection: client id is not a valid device id ({Length} chars)")]
    public static partial void BadClientId(ILogger logger, int length);

    [LoggerMessage(1102, LogLevel.Error, "broker  could not commit an event from {Device}, not acked (device will retry): {Reason}")]
    public static partial void CommitFailed(ILogger logger, string device, string reason);
}
