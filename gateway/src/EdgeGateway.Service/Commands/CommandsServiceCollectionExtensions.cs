using EdgeGateway.CloudBridge.Commands;
using EdgeGateway.Service.Hosting;
using EdgeGateway.Service.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Commands;

/// <summary>Registers cloud commands: the command sink the uplinks call, the runtime settings holder, and the IoT Hub link keeper.</summary>
public static class CommandsServiceCollectionExtensions
{
    public static IServiceCollection AddCloudCommands(this IServiceCollection services, GatewayOptions gateway, SqliteBufferOptions buffer)
    {
        services.AddSingleton(new BufferInspector(Path.Combine(gateway.DataDirectory, buffer.Path)));
        services.AddSingleton(new RuntimeSettings(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)));
        services.AddSingleton<IRuntimeSettings>(sp => sp.GetRequiredService<RuntimeSettings>());
        services.AddSingleton<GatewayCommandSink>();
        services.AddSingleton<ICloudCommandSink>(sp => sp.GetRequiredService<GatewayCommandSink>());
        services.AddHostedService<IoTHubUplinkService>();
        return services;
    }
}
