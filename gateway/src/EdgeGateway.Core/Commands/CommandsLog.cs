using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Commands;

/// <summary>Log events of commands on the gateway side (event ids 4600–4649).</summary>
internal static partial class CommandsLog
{
    [LoggerMessage(4600, LogLevel.Information, "ack     {EventId} by {By} ({Source}): {Delivery}")]
    public static partial void Acked(ILogger logger, string eventId, string by, string source, string delivery);

    [LoggerMessage(4601, LogLevel.Information, "Runtime settings changed: panic window {PanicWindow}, check-in window {CheckinWindow}, heartbeat {Heartbeat}")]
    public static partial void SettingsChanged(ILogger logger, TimeSpan panicWindow, TimeSpan checkinWindow, TimeSpan heartbeat);

    [LoggerMessage(4602, LogLevel.Information, "Siren test for {Seconds} s")]
    public static partial void SirenTest(ILogger logger, double seconds);

    [LoggerMessage(4603, LogLevel.Warning, "command refused ({Source}): {Reason}")]
    public static partial void Refused(ILogger logger, string source, string reason);

    [LoggerMessage(4604, LogLevel.Information, "command {Name} for {Device} delivered after being queued")]
    public static partial void DeliveredLater(ILogger logger, string name, string device);

    [LoggerMessage(4605, LogLevel.Error, "gateway event {Type} could not be stored: {Reason}")]
    public static partial void EmitFailed(ILogger logger, string type, string reason);

    [LoggerMessage(4606, LogLevel.Information, "device command {Name} for {Device} by {By}: {Outcome}")]
    public static partial void DeviceAction(ILogger logger, string name, string device, string by, string outcome);
}
