using EdgeGateway.CloudBridge.Commands;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Service.Hosting;
using EdgeGateway.Service.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Commands;

/// <summary>Registers cloud commands: the command sink the uplinks call, the runtime settings holder, and the IoT Hub link keeper.</summary>
public static class CommandsServiceCollectionExtensions
{
    /// <param name="debounce">The configured windows: the runtime settings start from them, and twin changes flow back into <see cref="IDebounceSettings"/>.</param>
    public static IServiceCollection AddCloudCommands(this IServiceCollection services, GatewayOptions gateway, SqliteBufferOptions buffer, DebounceOptions debounce)
    {
        services.AddSingleton(new BufferInspector(Path.Combine(gateway.DataDirectory, buffer.Path)));
        services.AddSingleton(sp =>
        {
            var settings = new RuntimeSettings(debounce.PanicWindow, debounce.CheckinWindow, RuntimeSettings.DefaultHeartbeatInterval);
            var windows = sp.GetRequiredService<IDebounceSettings>();
            settings.Changed += s =>
            {
                var next = windows.Current.Clone();
                next.PanicWindow = s.PanicWindow;
                next.CheckinWindow = s.CheckinWindow;
                windows.Update(next);
            };
            return settings;
        });
        services.AddSingleton<IRuntimeSettings>(sp => sp.GetRequiredService<RuntimeSettings>());
        services.AddSingleton<GatewayCommandSink>();
        services.AddSingleton<ICloudCommandSink>(sp => sp.GetRequiredService<GatewayCommandSink>());
        services.AddHostedService<IoTHubUplinkService>();
        return services;
    }
}
