using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.CloudBridge.Resilience;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// An <see cref="IoTHubUplink"/> pointed at an emulator, wrapped in the resilience layer as the gateway wraps it, with
/// its keeper loop running (the only place the link connects) and its logs captured.
/// </summary>
internal sealed class UplinkUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly ILoggerFactory _loggers;

    public UplinkUnderTest(IoTHubEmulator hub, string deviceId, Action<IoTHubOptions>? configure = null, Action<UplinkResilienceOptions>? resilience = null)
    {
        ConnectionString = hub.RegisterDevice(deviceId);
        Options = new IoTHubOptions
        {
            ConnectionString = ConnectionString,
            Host = "127.0.0.1",
            Port = hub.Port,
            CaCertificatePath = hub.CaCertificatePath,
            AckTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            ReportedMinInterval = TimeSpan.Zero,
            StatusPollInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(Options);
        Resilience = new UplinkResilienceOptions
        {
            ReconnectMin = TimeSpan.FromMilliseconds(100),
            ReconnectMax = TimeSpan.FromMilliseconds(400),
            UrgentReconnectGap = TimeSpan.FromMilliseconds(100),
        };
        resilience?.Invoke(Resilience);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Transport = new IoTHubUplink(Options, Sink, _loggers.CreateLogger<IoTHubUplink>(), resilience: Resilience);
        Uplink = new ResilientUplink(Transport, Resilience, _loggers.CreateLogger<ResilientUplink>());
        _run = Task.Run(() => Uplink.RunAsync(_stop.Token));
    }

    public string ConnectionString { get; }

    public IoTHubOptions Options { get; }

    public UplinkResilienceOptions Resilience { get; }

    public RecordingInbound Sink { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>The IoT Hub uplink itself (one attempt per send).</summary>
    public IoTHubUplink Transport { get; }

    /// <summary>What the forwarder gets: the uplink inside the resilience layer.</summary>
    public ResilientUplink Uplink { get; }

    /// <summary>Warnings and errors logged so far.</summary>
    public int Warnings => Logs.Entries.Count(e => e.Level >= LogLevel.Warning);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        await Uplink.DisposeAsync();
        await Transport.DisposeAsync();
        _loggers.Dispose();
        _stop.Dispose();
    }
}
