using System.Device.I2c;
using EdgeGateway.Core.Clock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio.Clock;

/// <summary>
/// Registers the clock keeper: NTP's state always, the DS3231 when <c>Clock:Rtc</c>. Add it before the other hosted
/// services so the gateway's first events already carry the right time and <c>sync</c>.
/// </summary>
public static class ClockServiceCollectionExtensions
{
    /// <param name="options">Already validated (<see cref="ClockOptions.Validate"/>).</param>
    public static IServiceCollection AddGatewayClock(this IServiceCollection services, ClockOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new ClockKeeper(sp.GetRequiredService<ReferenceClock>(), new KernelNtpStatus(),
            options.Rtc ? () => new Ds3231Rtc(I2cDevice.Create(new I2cConnectionSettings(options.I2cBus, options.Address))) : null,
            options, sp.GetRequiredService<ILogger<ClockKeeper>>()));
        services.AddHostedService<ClockService>();
        return services;
    }
}
