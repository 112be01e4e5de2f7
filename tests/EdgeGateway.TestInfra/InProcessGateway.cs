using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Broker;
using EdgeGateway.Service.Hosting;
using EdgeGateway.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.TestInfra;

/// <summary>
/// The real gateway host (broker, SQLite buffer, forwarder, uplink) started in the test process on a free
/// loopback port, with its data in a temp directory and its logs captured.
/// </summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDir _dir;

    private InProcessGateway(IHost host, TempDir dir, CapturedLogs logs)
    {
        _host = host;
        _dir = dir;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public string DataDirectory => _dir.Path;

    public string BufferPath => Path.Combine(_dir.Path, "buffer.db");

    public int Port => _host.Services.GetRequiredService<MqttBrokerService>().Port;

    public GatewayMetrics Metrics => _host.Services.GetRequiredService<GatewayMetrics>();

    public IServiceProvider Services => _host.Services;

    public int TlsPort => _host.Services.GetRequiredService<MqttBrokerService>().TlsPort;

    /// <summary>The gateway's device registry (registry.db in its data directory).</summary>
    public DeviceRegistry Registry => _host.Services.GetRequiredService<DeviceRegistry>();

    /// <summary>Starts with device authentication OFF (anonymous test clients), unless args turn it on.</summary>
    /// <param name="args">Extra configuration flags, e.g. <c>--Uplink:Kind=mqtt</c>.</param>
    public static Task<InProcessGateway> StartAsync(params string[] args) =>
        StartCoreAsync(["--Broker:RequireAuth=false", .. args]);

    /// <summary>Like <see cref="StartAsync(string[])"/>, after <paramref name="prepareDataDirectory"/> put files into the empty data directory (e.g. a seeded <c>patrols.db</c>).</summary>
    public static Task<InProcessGateway> StartPreparedAsync(Action<string> prepareDataDirectory, params string[] args) =>
        StartCoreAsync(["--Broker:RequireAuth=false", .. args], prepareDataDirectory);

    /// <summary>Starts with device authentication and the ACL ON, as in production.</summary>
    public static Task<InProcessGateway> StartWithAuthAsync(params string[] args) =>
        StartCoreAsync(["--Broker:RequireAuth=true", .. args]);

    private static async Task<InProcessGateway> StartCoreAsync(string[] args, Action<string>? prepare = null)
    {
        var dir = new TempDir("gateway");
        prepare?.Invoke(dir.Path);
        var logs = new CapturedLogs();
        var all = new[]
        {
            "--Broker:Port=0",
            "--Console:Url=http://127.0.0.1:0",
            $"--Gateway:DataDirectory={dir.Path}",
            $"--Uplink:File:Path={Path.Combine(dir.Path, "uplink.jsonl")}",
        }.Concat(args).ToArray();
        var host = GatewayHost.Build(all, b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        await host.StartAsync().ConfigureAwait(false);
        return new InProcessGateway(host, dir, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        if (_host is IAsyncDisposable a) await a.DisposeAsync().ConfigureAwait(false);
        else _host.Dispose();
        _dir.Dispose();
    }
}
