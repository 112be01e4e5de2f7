using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Health;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>Registers the SQLite adapters: the event buffer (<see cref="IEventBuffer"/>) and the command queue and ack ledger, supervision's state file.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string dataDirectory, SqliteBufferOptions options, BufferPolicy policy)
    {
        services.AddSingleton(sp => new SqliteEventBuffer(
            Path.Combine(dataDirectory, options.Path), sp.GetRequiredService<TimeProvider>(), options,
            sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<SqliteEventBuffer>>(), policy,
            sp.GetRequiredService<LivenessRegistry>().Register("buffer-writer")));
        services.AddSingleton<IEventBuffer>(sp => sp.GetRequiredService<SqliteEventBuffer>());
        services.AddSingleton<IBufferInspector>(sp => new SqliteBufferInspector(sp.GetRequiredService<SqliteEventBuffer>()));
        services.AddSingleton(sp =>
        {
            var buffer = sp.GetRequiredService<SqliteEventBuffer>();
            return new ReadinessCheck("buffer", Critical: true, () => buffer.IsWritable);
        });
        services.AddSingleton(_ => new SqliteCommandStore(Path.Combine(dataDirectory, SqliteCommandStore.FileName)));
        services.AddSingleton<IDeviceCommandStore>(sp => sp.GetRequiredService<SqliteCommandStore>());
        services.AddSingleton<IAckLedger>(sp => sp.GetRequiredService<SqliteCommandStore>());
        services.AddSingleton<ISupervisionStore>(_ => new SupervisionStateFile(dataDirectory));
        return services;
    }

    /// <summary>The history journal (<see cref="IEventJournal"/>) on <c>history.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddSqliteJournal(this IServiceCollection services, string dataDirectory, JournalRetention retention)
    {
        services.AddSingleton(sp => new SqliteEventJournal(Path.Combine(dataDirectory, SqliteEventJournal.FileName), retention, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<SqliteEventJournal>());
        return services;
    }
}
