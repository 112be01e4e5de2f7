using System.Diagnostics;
using EdgeGateway.CloudBridge.FileSink;
using EdgeGateway.Service.Hosting;
using EdgeGateway.Service.Hosting.Settings;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>Issue 14: settings refuse what they do not know; --help and --version; the uplink loop; relative paths.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly TempDir _dir = new("settings");

    public void Dispose() => _dir.Dispose();

    private GatewayConfigException Refused(params string[] args) =>
        Assert.Throws<GatewayConfigException>(() => GatewayHost.Build(["--Broker:Port=0", $"--Gateway:DataDirectory={_dir.Path}", .. args]));

    [Fact]
    public void A_mistyped_key_stops_the_gateway_naming_the_key_and_the_nearest_known_one()
    {
        var ex = Refused("--Broker:Prot=1884", "--Broker:Tls:Enabeld=true", "--Buffer:QuotaMB=5", "--Uplink:Mqtt:Hots=x", "--Brokr:Port=1");
        Assert.Contains("unknown setting 'Broker:Prot' (did you mean 'Broker:Port'?)", ex.Problems);
        Assert.Contains("unknown setting 'Broker:Tls:Enabeld' (did you mean 'Broker:Tls:Enabled'?)", ex.Problems);
        Assert.Contains("unknown setting 'Uplink:Mqtt:Hots' (did you mean 'Uplink:Mqtt:Host'?)", ex.Problems);
        Assert.Contains("unknown section 'Brokr' (did you mean 'Broker'?)", ex.Problems);
        Assert.DoesNotContain(ex.Problems, p => p.Contains("QuotaMB", StringComparison.Ordinal)); // keys are case-insensitive, as the binder's
    }

    [Fact]
    public void Every_key_of_the_shipped_appsettings_is_known()
    {
        using var host = GatewayHost.Build(["--Broker:Port=0", $"--Gateway:DataDirectory={_dir.Path}"]);
        Assert.NotNull(host.Services.GetRequiredService<GatewayOptions>());
    }

    [Fact]
    public void An_mqtt_uplink_pointing_at_the_gateways_own_listener_is_refused()
    {
        var ex = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build([$"--Gateway:DataDirectory={_dir.Path}", "--Uplink:Kind=mqtt"]));
        Assert.Contains(ex.Problems, p => p.StartsWith("Uplink:Mqtt:Host/Port 127.0.0.1:1883 is the gateway's own broker", StringComparison.Ordinal));
        var other = Assert.Throws<GatewayConfigException>(() => GatewayHost.Build([$"--Gateway:DataDirectory={_dir.Path}", "--Broker:Port=1884",
            "--Uplink:Kind=mqtt", "--Uplink:Mqtt:Host=localhost", "--Uplink:Mqtt:Port=1884"]));
        Assert.Contains(other.Problems, p => p.Contains("is the gateway's own broker", StringComparison.Ordinal));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_data_directory()
    {
        using var host = GatewayHost.Build(["--Broker:Port=0", $"--Gateway:DataDirectory={_dir.Path}", "--Uplink:File:Path=sink/up.jsonl"]);
        var options = host.Services.GetRequiredService<Service.Hosting.UplinkOptions>();
        Assert.Equal(Path.Combine(_dir.Path, "sink", "up.jsonl"), options.File.Path);
        Assert.Equal("uplink.jsonl", new FileSinkOptions().Path);
    }

    [Fact]
    [Trait("Category", GatewayProcess.Category)]
    public async Task Help_lists_every_setting_with_its_default_and_meaning_and_does_not_start_the_gateway()
    {
        var (code, output) = await RunGatewayAsync("--help");
        Assert.Equal(0, code);
        foreach (var (section, type) in SettingsSections.All)
        {
            foreach (var (path, _, _) in SettingsTree.Leaves(type)) Assert.Contains($"--{section}:{path}=", output, StringComparison.Ordinal);
        }
        Assert.Contains("--Broker:Limits:ConnectTimeout=00:00:10\n      How long a connection may take", output, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.Equal(output, (await RunGatewayAsync("-h")).Output);
    }

    [Fact]
    [Trait("Category", GatewayProcess.Category)]
    public async Task Version_prints_the_version()
    {
        var (code, output) = await RunGatewayAsync("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^edgegw-gateway \d+\.\d+\.\d+", output);
    }

    private static async Task<(int Code, string Output)> RunGatewayAsync(string flag)
    {
        var psi = GatewayProcess.StartInfo();
        psi.ArgumentList.Add(flag);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }
}
