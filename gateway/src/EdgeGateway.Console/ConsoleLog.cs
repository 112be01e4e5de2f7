using Microsoft.Extensions.Logging;

namespace EdgeGateway.Console;

/// <summary>The console's log messages (event ids 5000-5099).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(5000, LogLevel.Information, "ward console listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(5001, LogLevel.Warning, "console login refused for '{Name}' from {Address} ({Failures} recent failures)")]
    public static partial void LoginRefused(ILogger logger, string name, string address, int failures);

    [LoggerMessage(5002, LogLevel.Information, "console login: '{Name}' from {Address}")]
    public static partial void LoggedIn(ILogger logger, string name, string address);

    [LoggerMessage(5003, LogLevel.Warning, "the alarm board could not handle event {EventId}: {Error}")]
    public static partial void BoardFailed(ILogger logger, string eventId, string error);

    [LoggerMessage(5004, LogLevel.Warning, "the audit log could not be written: {Error}")]
    public static partial void AuditFailed(ILogger logger, string error);
}
