using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio.Clock;

/// <summary>Log events of the gateway's clock (event ids 5050–5069).</summary>
internal static partial class ClockLog
{
    [LoggerMessage(5050, LogLevel.Information, "clock source: {Source} (offset to the system clock {Offset})")]
    public static partial void Source(ILogger logger, string source, TimeSpan offset);

    [LoggerMessage(5051, LogLevel.Warning, "the real-time clock does not answer on I2C bus {Bus} at 0x{Address:X2}: {Reason}; going on with the system clock")]
    public static partial void RtcUnavailable(ILogger logger, int bus, int address, string reason);

    [LoggerMessage(5052, LogLevel.Information, "real-time clock set from NTP time {Time:u}")]
    public static partial void RtcSet(ILogger logger, DateTimeOffset time);

    [LoggerMessage(5053, LogLevel.Warning, "the real-time clock lost its time (oscillator stopped); it is not used until NTP sets it")]
    public static partial void RtcLostTime(ILogger logger);
}
