using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Core.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Hosting;

/// <summary>Registers device supervision (G8) and the gateway's status report.</summary>
internal static class SupervisionServiceCollectionExtensions
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, SupervisionOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<DeviceSupervisor>();
        services.AddSingleton<IDeviceSupervision>(sp => sp.GetRequiredService<DeviceSupervisor>());
        services.AddSingleton<IAcceptedEventObserver>(sp => sp.GetRequiredService<DeviceSupervisor>());
        services.AddSingleton<GatewayStatusReporter>();
        // Battery, RSSI and firmware from heartbeats, for the console's Devices page.
        services.AddSingleton<DeviceVitalsTracker>();
        services.AddSingleton<IDeviceVitals>(sp => sp.GetRequiredService<DeviceVitalsTracker>());
        services.AddSingleton<IAcceptedEventObserver>(sp => sp.GetRequiredService<DeviceVitalsTracker>());
        services.AddHostedService<SupervisionService>();
        return services;
    }
}
