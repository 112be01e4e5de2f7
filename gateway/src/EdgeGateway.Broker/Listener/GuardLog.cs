using Microsoft.Extensions.Logging;

namespace EdgeGateway.Broker.Listener;

/// <summary>Log events of the broker's connection guard (event ids 1150–1159): each kind at most once a minute, with a count.</summary>
internal static partial class GuardLog
{
    [LoggerMessage(1150, LogLevel.Warning, "broker  closed a connection from {Remote}: {Reason} ({Suppressed} more of this kind not logged since its last line)")]
    public static partial void Closed(ILogger logger, string remote, string reason, long suppressed);

    [LoggerMessage(1151, LogLevel.Error, "broker  accepting connections failed, retrying in 1 s: {Reason}")]
    public static partial void AcceptFailed(ILogger logger, string reason);
}
