using EdgeGateway.Broker.Listener;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Broker;

/// <summary>Registers the embedded broker: access control, command delivery to devices, and the MQTTnet server as a hosted service.</summary>
public static class BrokerServiceCollectionExtensions
{
    public static IServiceCollection AddEmbeddedBroker(this IServiceCollection services, BrokerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<BrokerAccess>();
        services.AddSingleton<GuardMetrics>();
        services.AddSingleton<DeviceCommandDelivery>();
        services.AddSingleton<IDeviceCommandChannel>(sp => sp.GetRequiredService<DeviceCommandDelivery>());
        services.AddSingleton<MqttBrokerService>();
        services.AddSingleton<IDeviceConnections>(sp => sp.GetRequiredService<MqttBrokerService>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttBrokerService>());
        return services;
    }
}
