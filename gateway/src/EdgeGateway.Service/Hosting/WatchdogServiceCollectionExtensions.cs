using EdgeGateway.Core.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeGateway.Service.Hosting;

/// <summary>Registers the liveness registry the broker, buffer writer and forwarder tick, and the systemd watchdog that reads it.</summary>
internal static class WatchdogServiceCollectionExtensions
{
    public static IServiceCollection AddSystemdWatchdog(this IServiceCollection services, WatchdogOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new LivenessRegistry(options, sp.GetRequiredService<TimeProvider>()));
        // AddSystemd registers a notifier only when systemd started the process; the watchdog needs one either way
        // (it is disabled when $NOTIFY_SOCKET is unset).
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddHostedService<SystemdWatchdogService>();
        return services;
    }
}
