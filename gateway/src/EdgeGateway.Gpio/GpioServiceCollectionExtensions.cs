using EdgeGateway.Core.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Gpio;

/// <summary>Registers the gateway board (siren, LEDs, tamper, button) when <c>Gpio:Enabled</c>; the siren then answers <c>sirenTest</c>.</summary>
public static class GpioServiceCollectionExtensions
{
    /// <param name="options">Already validated (<see cref="GpioOptions.Validate"/>).</param>
    public static IServiceCollection AddGatewayGpio(this IServiceCollection services, GpioOptions options)
    {
        if (!options.Enabled) return services;
        services.AddSingleton(options);
        services.AddSingleton(sp => GpioDrivers.Create(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GatewayPanel>();
        services.AddSingleton<ISirenTester>(sp => new PanelSiren(sp.GetRequiredService<GatewayPanel>));
        services.AddHostedService<GpioPanelService>();
        return services;
    }
}
