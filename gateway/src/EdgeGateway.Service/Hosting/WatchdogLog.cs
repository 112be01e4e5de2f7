using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Hosting;

/// <summary>Log events of the systemd watchdog (event ids 4800–4899).</summary>
internal static partial class WatchdogLog
{
    [LoggerMessage(4800, LogLevel.Information, "watchdog watching {Parts}; pinging systemd every {PingMs:0} ms (0: no watchdog asked for); a part silent for {StaleSeconds:0.#} s is hung")]
    public static partial void Watching(ILogger logger, string parts, double pingMs, double staleSeconds);

    [LoggerMessage(4801, LogLevel.Critical, "watchdog hung: {Parts} stopped ticking; {Consequence}")]
    public static partial void Hung(ILogger logger, string parts, string consequence);

    [LoggerMessage(4802, LogLevel.Warning, "watchdog every part ticks again; feeding the watchdog")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(4803, LogLevel.Warning, "watchdog could not send {State} to systemd: {Reason}")]
    public static partial void NotifyFailed(ILogger logger, string state, string reason);
}
