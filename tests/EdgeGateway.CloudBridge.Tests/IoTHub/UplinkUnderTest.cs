using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>An <see cref="IoTHubUplink"/> pointed at an emulator, with its keeper loop running and its logs captured.</summary>
internal sealed class UplinkUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly ILoggerFactory _loggers;

    public UplinkUnderTest(IoTHubEmulator hub, string deviceId, Action<IoTHubOptions>? configure = null, bool run = true)
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
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(300),
            ReportedMinInterval = TimeSpan.Zero,
            StatusPollInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(Options);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Uplink = new IoTHubUplink(Options, Sink, _loggers.CreateLogger<IoTHubUplink>());
        _run = run ? Task.Run(() => Uplink.RunAsync(_stop.Token)) : Task.CompletedTask;
    }

    public string ConnectionString { get; }

    public IoTHubOptions Options { get; }

    public RecordingInbound Sink { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public IoTHubUplink Uplink { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        await Uplink.DisposeAsync();
        _loggers.Dispose();
        _stop.Dispose();
    }
}
