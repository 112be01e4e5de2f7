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
        services.AddHostedService<SupervisionService>();
        return services;
    }
}
