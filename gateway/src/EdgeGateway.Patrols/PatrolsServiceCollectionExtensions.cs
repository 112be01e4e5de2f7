using EdgeGateway.Core.Ingest;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Reports;
using EdgeGateway.Patrols.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Patrols;

/// <summary>Registers the patrol module: <c>patrols.db</c>, cards, the round engine and its loop, the check-in observer, reports.</summary>
public static class PatrolsServiceCollectionExtensions
{
    /// <param name="dataDirectory">Where <c>patrols.db</c> and the routes file (<see cref="PatrolOptions.File"/>) live.</param>
    public static IServiceCollection AddPatrols(this IServiceCollection services, string dataDirectory, PatrolOptions options)
    {
        if (!options.Enabled) return services;
        services.AddSingleton(options);
        services.AddSingleton(_ => PatrolDatabase.Open(dataDirectory));
        services.AddSingleton<CardStore>();
        services.AddSingleton<PatrolReports>();
        services.AddSingleton<RoundEngine>();
        services.AddSingleton(sp => new PlanSource(Path.Combine(dataDirectory, options.File), sp.GetRequiredService<ILogger<PlanSource>>()));
        services.AddSingleton<PatrolCheckinObserver>();
        services.AddSingleton<IAcceptedEventObserver>(sp => sp.GetRequiredService<PatrolCheckinObserver>());
        services.AddHostedService<PatrolService>();
        return services;
    }
}
