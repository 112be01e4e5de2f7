using EdgeGateway.Console.Alarms;
using EdgeGateway.Console.Audit;
using EdgeGateway.Console.Auth;
using EdgeGateway.Console.Hosting;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Core.Operators;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console;

/// <summary>Registers the ward-station console: its Kestrel listener, the live alarm board, operators and the audit log.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <param name="dataDirectory">The gateway's data directory: <c>operators.json</c>, the audit log and the cookie keys live there.</param>
    public static IServiceCollection AddWardConsole(this IServiceCollection services, ConsoleOptions options, string dataDirectory)
    {
        if (!options.Enabled) return services;
        services.AddSingleton(options);
        services.AddSingleton(new ConsolePaths(dataDirectory));
        services.AddSingleton(_ => new OperatorStore(dataDirectory));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AlarmBoard>();
        services.AddSingleton<IAcceptedEventObserver>(sp => sp.GetRequiredService<AlarmBoard>());
        services.AddSingleton<WardConsoleServer>();
        services.AddHostedService(sp => sp.GetRequiredService<WardConsoleServer>());
        return services;
    }
}
