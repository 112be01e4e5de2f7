using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Supervision;

/// <summary>Log events of device supervision and the gateway's status report (event ids 4700–4749).</summary>
internal static partial class SupervisionLog
{
    [LoggerMessage(4700, LogLevel.Warning, "device {Device} offline: silent since {LastAlive:u}")]
    public static partial void Offline(ILogger logger, string device, DateTimeOffset lastAlive);

    [LoggerMessage(4701, LogLevel.Information, "device {Device} online again")]
    public static partial void Online(ILogger logger, string device);

    [LoggerMessage(4702, LogLevel.Error, "supervision could not {Action}: {Reason}")]
    public static partial void Failed(ILogger logger, string action, string reason);

    [LoggerMessage(4703, LogLevel.Information, "supervision started: {Devices} devices known, {Offline} offline; grace until {Grace}")]
    public static partial void Started(ILogger logger, int devices, int offline, string grace);
}
