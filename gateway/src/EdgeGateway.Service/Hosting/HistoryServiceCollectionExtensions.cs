using EdgeGateway.Console;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Hosting;

/// <summary>
/// Registers the console's history journal: its SQLite file (Storage), the recorder fed by ingest and the gateway's events
/// (Core). Nothing with the console off or <c>Console:History:Enabled=false</c>.
/// </summary>
internal static class HistoryServiceCollectionExtensions
{
    public static IServiceCollection AddHistory(this IServiceCollection services, ConsoleOptions console, string dataDirectory)
    {
        if (!console.JournalEnabled) return services;
        var retention = new JournalRetention(TimeSpan.FromDays(console.HistoryDays), console.HistoryMaxBytes);
        services.AddSqliteJournal(dataDirectory, retention);
        services.AddSingleton<JournalRecorder>();
        services.AddSingleton<IAcceptedEventObserver>(sp => sp.GetRequiredService<JournalRecorder>());
        services.AddHostedService<JournalService>();
        return services;
    }
}
