using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Commands;

/// <summary>Log events of cloud commands on the gateway side (event ids 4600–4649).</summary>
internal static partial class CommandsLog
{
    [LoggerMessage(4600, LogLevel.Information, "Dispatch ack for {EventId} sent to {Topic}")]
    public static partial void AckSent(ILogger logger, string eventId, string topic);

    [LoggerMessage(4601, LogLevel.Information, "Runtime settings changed: panic window {PanicWindow}, check-in window {CheckinWindow}, heartbeat {Heartbeat}")]
    public static partial void SettingsChanged(ILogger logger, TimeSpan panicWindow, TimeSpan checkinWindow, TimeSpan heartbeat);

    [LoggerMessage(4602, LogLevel.Information, "Siren test for {Seconds} s")]
    public static partial void SirenTest(ILogger logger, double seconds);
}
