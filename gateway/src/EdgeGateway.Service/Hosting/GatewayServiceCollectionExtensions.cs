using EdgeGateway.CloudBridge.Commands;
using EdgeGateway.CloudBridge.FileSink;
using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Service.Broker;
using EdgeGateway.Service.Commands;
using EdgeGateway.Service.Registry;
using EdgeGateway.Service.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Hosting;

/// <summary>The composition root: one extension per feature, options bound and validated before anything starts.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddEdgeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var gateway = Bind<GatewayOptions>(configuration, "Gateway");
        var broker = Bind<BrokerOptions>(configuration, "Broker");
        var buffer = Bind<SqliteBufferOptions>(configuration, "Buffer");
        var uplink = Bind<UplinkOptions>(configuration, "Uplink");
        var forwarder = Bind<ForwarderOptions>(configuration, "Forwarder");
        var debounce = Bind<DebounceOptions>(configuration, "Debounce");

        var problems = gateway.Validate().Concat(broker.Validate()).Concat(uplink.Validate()).Concat(forwarder.Validate()).ToList();
        problems.AddRange(buffer.Validate());
        problems.AddRange(debounce.Validate());
        if (problems.Count > 0) throw new GatewayConfigException(problems);

        services.AddSingleton(gateway).AddSingleton(broker).AddSingleton(buffer).AddSingleton(uplink).AddSingleton(forwarder);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayMetrics>();

        services.AddSingleton(sp => new SqliteEventBuffer(
            Path.Combine(gateway.DataDirectory, buffer.Path), sp.GetRequiredService<TimeProvider>(), buffer,
            sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<SqliteEventBuffer>>()));
        services.AddSingleton<IEventBuffer>(sp => sp.GetRequiredService<SqliteEventBuffer>());

        services.AddSingleton(sp => new RejectionLogGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDebounceSettings>(new DebounceSettings(debounce));
        services.AddSingleton<Debouncer>();
        services.AddSingleton(sp => new IngestPipeline(sp.GetRequiredService<IEventBuffer>(), sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<RejectionLogGate>(), sp.GetRequiredService<ILogger<IngestPipeline>>(),
            sp.GetRequiredService<Debouncer>(), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<IUplink>(sp => uplink.Kind switch
        {
            UplinkOptions.MqttKind => new MqttBrokerUplink(uplink.Mqtt, gateway.Id, sp.GetRequiredService<ILogger<MqttBrokerUplink>>()),
            UplinkOptions.IoTHubKind => new IoTHubUplink(uplink.IoTHub, sp.GetRequiredService<ICloudCommandSink>(),
                sp.GetRequiredService<ILogger<IoTHubUplink>>(), sp.GetRequiredService<TimeProvider>()),
            _ => new FileSinkUplink(uplink.File, gateway.Id),
        });
        services.AddSingleton<Forwarder>();

        // Hosted services stop in reverse order: the broker stops acking first, then the forwarder.
        services.AddHostedService<ForwarderService>();
        services.AddDeviceRegistry(gateway);
        services.AddSingleton<MqttBrokerService>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBrokerService>());
        services.AddCloudCommands(gateway, buffer, debounce);
        services.AddHostedService<RegistryMaintenanceService>();
        return services;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new GatewayConfigException([$"{section}: {ex.Message}"]);
        }
        return value;
    }
}
