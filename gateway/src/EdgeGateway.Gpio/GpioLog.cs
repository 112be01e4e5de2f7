using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio;

/// <summary>Log events of the gateway board's GPIO (event ids 5000–5049).</summary>
internal static partial class GpioLog
{
    [LoggerMessage(5000, LogLevel.Information, "GPIO ready on {Driver} driver, chip {Chip}: siren {Siren}, LEDs {Green}/{Amber}/{Red}, tamper {Tamper}, button {Button}")]
    public static partial void Ready(ILogger logger, string driver, int chip, int siren, int green, int amber, int red, int tamper, int button);

    [LoggerMessage(5001, LogLevel.Warning, "siren {State}")]
    public static partial void Siren(ILogger logger, string state);

    [LoggerMessage(5002, LogLevel.Warning, "enclosure {State}")]
    public static partial void Tamper(ILogger logger, string state);

    [LoggerMessage(5003, LogLevel.Information, "self-test ({Source}): siren chirp {ChirpMs} ms, every LED")]
    public static partial void SelfTest(ILogger logger, string source, double chirpMs);

    [LoggerMessage(5004, LogLevel.Error, "GPIO: {Action} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string action, string reason);
}
