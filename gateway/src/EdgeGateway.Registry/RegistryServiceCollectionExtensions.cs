using EdgeGateway.Core.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Registry;

/// <summary>Registers the device registry, authentication, activity recording and the maintenance loop (revocation, last-seen).</summary>
public static class RegistryServiceCollectionExtensions
{
    /// <param name="dataDirectory">Where <c>registry.db</c> lives.</param>
    public static IServiceCollection AddDeviceRegistry(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(_ => DeviceRegistry.Open(dataDirectory));
        services.AddSingleton<DeviceAuthenticator>();
        services.AddSingleton<IDeviceAuthenticator>(sp => sp.GetRequiredService<DeviceAuthenticator>());
        services.AddSingleton<DeviceActivity>();
        services.AddSingleton<IDeviceActivity>(sp => sp.GetRequiredService<DeviceActivity>());
        services.AddSingleton<IDeviceDirectory, RegistryDirectory>();
        return services;
    }

    /// <summary>The loop that disconnects revoked devices and writes activity; add it after the broker so it stops first.</summary>
    public static IServiceCollection AddRegistryMaintenance(this IServiceCollection services) =>
        services.AddHostedService<RegistryMaintenanceService>();
}
