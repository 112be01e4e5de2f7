using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Broker;
using EdgeGateway.CloudBridge.FileSink;
using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.CloudBridge.Mqtt;
using EdgeGateway.CloudBridge.Resilience;
using EdgeGateway.Console;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Alarms;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Clock;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Debounce;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.Health;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Core.Supervision;
using EdgeGateway.Gpio;
using EdgeGateway.Core.Patrols;
using EdgeGateway.Patrols;
using EdgeGateway.Patrols.Reports;
using EdgeGateway.Core.Platform;
using EdgeGateway.Gpio.Clock;
using EdgeGateway.Registry;
using EdgeGateway.Service.Hosting.Settings;
using EdgeGateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Hosting;

/// <summary>The composition root: options bound and validated before anything starts, then one registration per adapter.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddEdgeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var gateway = Bind<GatewayOptions>(configuration, "Gateway");
        var broker = Bind<BrokerOptions>(configuration, "Broker");
        var buffer = Bind<SqliteBufferOptions>(configuration, "Buffer");
        var policy = Bind<BufferPolicy>(configuration, "Buffer");
        var uplink = Bind<UplinkOptions>(configuration, "Uplink");
        var forwarder = Bind<ForwarderOptions>(configuration, "Forwarder");
        var debounce = Bind<DebounceOptions>(configuration, "Debounce");
        var commands = Bind<CommandOptions>(configuration, "Commands");
        var watchdog = Bind<WatchdogOptions>(configuration, "Watchdog");
        var supervision = Bind<SupervisionOptions>(configuration, "Supervision");
        var gpio = Bind<GpioOptions>(configuration, "Gpio");
        var clock = Bind<ClockOptions>(configuration, "Clock");

        var patrols = Bind<PatrolOptions>(configuration, "Patrols");
        var console = Bind<ConsoleOptions>(configuration, "Console");

        foreach (var options in new object[] { broker, uplink, console }) RelativePaths.Resolve(options, gateway.DataDirectory);
        var problems = UnknownSettings.Find(configuration, SettingsSections.All)
            .Concat(gateway.Validate()).Concat(broker.Validate()).Concat(uplink.Validate()).Concat(forwarder.Validate())
            .Concat(buffer.Validate()).Concat(policy.Validate()).Concat(debounce.Validate()).Concat(commands.Validate())
            .Concat(watchdog.Validate()).Concat(supervision.Validate()).Concat(gpio.Validate(GpioDrivers.ChipExists))
            .Concat(clock.Validate()).Concat(patrols.Validate()).Concat(console.Validate()).ToList();
        if (UplinkLoop.Problem(uplink, broker) is { } loop) problems.Add(loop);
        if (buffer.MaintenanceInterval * 2 > watchdog.StaleAfter)
            problems.Add($"Buffer:MaintenanceInterval ({buffer.MaintenanceInterval}) must be at most half of Watchdog:StaleAfter ({watchdog.StaleAfter}): an idle writer proves it is alive once per maintenance");
        if (problems.Count > 0) throw new GatewayConfigException(problems);

        OwnerOnlyFiles.PrepareDirectory(gateway.DataDirectory);
        services.AddSingleton(gateway).AddSingleton(uplink).AddSingleton(forwarder).AddSingleton(commands);
        services.AddSingleton(new ReferenceClock(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ReferenceClock>());
        services.AddSingleton<GatewayMetrics>();
        services.AddSystemdWatchdog(watchdog);
        services.AddSqliteStorage(gateway.DataDirectory, buffer, policy);
        services.AddSingleton(_ => new GatewayIdentity(gateway.Id, GatewayBootCounter.Next(gateway.DataDirectory)));
        services.AddSingleton(sp => new GatewayEventEmitter(sp.GetRequiredService<IEventBuffer>(), sp.GetRequiredService<GatewayIdentity>(),
            sp.GetRequiredService<TimeProvider>(), () => sp.GetRequiredService<ReferenceClock>().IsSynced));

        services.AddSingleton(sp => new RejectionLogGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDebounceSettings>(new DebounceSettings(debounce));
        services.AddSingleton<Debouncer>();
        services.AddSingleton(sp => new IngestPipeline(sp.GetRequiredService<IEventBuffer>(), sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<RejectionLogGate>(), sp.GetRequiredService<ILogger<IngestPipeline>>(),
            sp.GetRequiredService<Debouncer>(), sp.GetRequiredService<TimeProvider>(), sp.GetServices<IAcceptedEventObserver>()));

        AddCommandHandling(services, debounce);
        AddUplink(services, uplink, gateway);
        services.AddSingleton(sp => new Forwarder(sp.GetRequiredService<IEventBuffer>(), sp.GetRequiredService<IUplink>(), forwarder,
            sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<Forwarder>>(), sp.GetRequiredService<GatewayEventEmitter>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<LivenessRegistry>(), sp.GetRequiredService<ForwardingStatus>()));
        services.AddSingleton(sp => new ForwardingStatus(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GatewayGauges>();
        // The clock source is decided before any other hosted service starts, so the first gateway events carry the right time and sync.
        services.AddGatewayClock(clock);
        services.AddSupervision(supervision);
        services.AddGatewayGpio(gpio);

        // Hosted services stop in reverse order: registry maintenance first, then the broker stops acking, then the forwarder,
        // then the journal writes what is still queued.
        services.AddHistory(console, gateway.DataDirectory);
        services.AddHostedService<ForwarderService>();
        services.AddHostedService<HostedUplinkService>();
        services.AddDeviceRegistry(gateway.DataDirectory);
        services.AddEmbeddedBroker(broker);
        services.AddRegistryMaintenance();
        services.AddPatrols(gateway.DataDirectory, patrols);
        // The console sees patrols through Core's port only; with patrols disabled there is none, and the console says so.
        if (patrols.Enabled) services.AddSingleton<IPatrolReports>(sp => sp.GetRequiredService<PatrolReports>());
        AddReadinessChecks(services);
        services.AddWardConsole(console, gateway.DataDirectory); // last: starts after the broker, stops first
        return services;
    }

    /// <summary>What <c>/readyz</c> asks (the buffer registers its own): the broker must listen; a down uplink is only degraded.</summary>
    private static void AddReadinessChecks(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var broker = sp.GetRequiredService<IDeviceConnections>();
            return new ReadinessCheck("broker", Critical: true, () => broker.IsRunning);
        });
        services.AddSingleton(sp =>
        {
            var uplink = sp.GetRequiredService<IUplink>();
            return new ReadinessCheck("uplink", Critical: false, () => uplink.State == UplinkState.Connected);
        });
    }

    private static void AddCommandHandling(IServiceCollection services, DebounceOptions debounce)
    {
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
        services.AddSingleton<AlarmAcknowledger>();
        services.AddSingleton<DeviceActions>();
        services.AddSingleton<AlarmBoard>();
        services.AddSingleton<ILocalAlarms>(sp => sp.GetRequiredService<AlarmBoard>());
        services.AddSingleton<IAcceptedEventObserver>(sp => sp.GetRequiredService<AlarmBoard>());
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ICloudInbound>(sp => sp.GetRequiredService<CommandHandler>());
    }

    /// <summary>
    /// One uplink, wrapped in the one resilience layer (<see cref="ResilientUplink"/>: retries, circuit breaker); those
    /// with an inbound side (IoT Hub, MQTT) are also registered as <see cref="IHostedUplink"/>, their keeper loop included.
    /// </summary>
    private static void AddUplink(IServiceCollection services, UplinkOptions uplink, GatewayOptions gateway)
    {
        switch (uplink.Kind)
        {
            case UplinkOptions.MqttKind:
                services.AddSingleton(sp => new MqttBrokerUplink(uplink.Mqtt, gateway.Id, sp.GetRequiredService<ICloudInbound>(),
                    sp.GetRequiredService<ILogger<MqttBrokerUplink>>(), uplink.Resilience));
                AddResilient<MqttBrokerUplink>(services, uplink.Resilience, hosted: true);
                break;
            case UplinkOptions.IoTHubKind:
                services.AddSingleton(sp => new IoTHubUplink(uplink.IoTHub, sp.GetRequiredService<ICloudInbound>(),
                    sp.GetRequiredService<ILogger<IoTHubUplink>>(), sp.GetRequiredService<TimeProvider>(), uplink.Resilience));
                AddResilient<IoTHubUplink>(services, uplink.Resilience, hosted: true);
                break;
            default:
                services.AddSingleton(_ => new FileSinkUplink(uplink.File, gateway.Id));
                AddResilient<FileSinkUplink>(services, uplink.Resilience, hosted: false);
                break;
        }
    }

    private static void AddResilient<TUplink>(IServiceCollection services, UplinkResilienceOptions options, bool hosted) where TUplink : class, IUplink
    {
        services.AddSingleton(sp => new ResilientUplink(sp.GetRequiredService<TUplink>(), options,
            sp.GetRequiredService<ILogger<ResilientUplink>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IUplink>(sp => sp.GetRequiredService<ResilientUplink>());
        if (hosted) services.AddSingleton<IHostedUplink>(sp => sp.GetRequiredService<ResilientUplink>());
    }

    /// <remarks>The configuration binder fills <typeparamref name="T"/> by reflection; the NativeAOT build roots the gateway's
    /// assemblies whole, so the options' properties are all there (EdgeGateway.Service.csproj; the settings tests pass against
    /// that build with EDGEGW_TEST_GATEWAY_EXE, docs/BENCHMARKS.md).</remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Options types are in assemblies the NativeAOT build roots whole")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Options hold strings, numbers, TimeSpans, enums, nested options and lists/dictionaries of those; the settings tests pass against the NativeAOT build")]
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
