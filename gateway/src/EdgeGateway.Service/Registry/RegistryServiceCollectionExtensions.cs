using EdgeGateway.Service.Broker;
using EdgeGateway.Service.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Registry;

/// <summary>Registers the device registry, authentication and activity recording.</summary>
internal static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddDeviceRegistry(this IServiceCollection services, GatewayOptions gateway)
    {
        services.AddSingleton(_ => DeviceRegistry.Open(gateway.DataDirectory));
        services.AddSingleton<DeviceAuthenticator>();
        services.AddSingleton<DeviceActivity>();
        services.AddSingleton<BrokerAccess>();
        return services;
    }
}
