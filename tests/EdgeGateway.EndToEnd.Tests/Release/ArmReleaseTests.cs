using System.Diagnostics;
using System.Text;
using EdgeGateway.TestInfra;
using Xunit.Abstractions;

namespace EdgeGateway.EndToEnd.Tests.Release;

/// <summary>
/// The linux-arm64 release, run on this x86 machine under qemu-user-static (<c>qemu-aarch64-static -L /</c> with
/// Debian's arm64 libraries, which ./test.sh installs): the gateway starts, a device's press is acked and reaches
/// the file sink, and SIGTERM stops it cleanly; the CLI runs too.
/// </summary>
[Collection(ArmReleaseGroup.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ArmReleaseTests : IClassFixture<ArmReleaseFixture>, IDisposable
{
    private const string Qemu = "qemu-aarch64-static";
    private readonly ArmReleaseFixture _release;
    private readonly ITestOutputHelper _output;
    private readonly TempDir _dir = new("edgegw-arm");

    public ArmReleaseTests(ArmReleaseFixture release, ITestOutputHelper output)
    {
        _release = release;
        _output = output;
    }

    [Fact]
    public async Task Published_arm64_gateway_under_qemu_commits_a_press_forwards_it_and_stops_cleanly_on_SIGTERM()
    {
        var qemu = RequireQemu();
        var exe = Path.Combine(_release.Folder, "gateway", "edgegw-gateway");
        Assert.Equal(0xB7, ElfMachine(exe)); // EM_AARCH64: really the arm64 build, not this machine's

        var data = Path.Combine(_dir.Path, "data");
        var port = FreePort.Next();
        var log = new StringBuilder();
        var psi = new ProcessStartInfo(qemu) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in new[]
                 {
                     "-L", "/", exe, $"--Broker:Port={port}", "--Broker:Host=127.0.0.1", "--Broker:RequireAuth=false",
                     $"--Gateway:DataDirectory={data}", $"--Uplink:File:Path={Path.Combine(data, "uplink.jsonl")}",
                 })
        {
            psi.ArgumentList.Add(a);
        }
        using var gateway = Process.Start(psi)!;
        gateway.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        gateway.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        try
        {
            string Log() { lock (log) return log.ToString(); }
            var started = Stopwatch.StartNew();
            await FreePort.WaitListeningAsync(port, TimeSpan.FromMinutes(2), () => "gateway log: " + Log(), () => !gateway.HasExited);
            if (gateway.HasExited) Assert.Fail($"the gateway exited ({gateway.ExitCode}) under qemu:\n{Log()}");
            _output.WriteLine($"listening under qemu after {started.Elapsed.TotalSeconds:0.0} s");

            string id;
            await using (var device = new RetryingDevice("pb-0007", port))
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                id = await device.SendAsync("panic", cts.Token); // returns once PUBACKed: committed on the arm64 gateway
            }
            var sink = Path.Combine(data, "uplink.jsonl");
            await Eventually.TrueAsync(() => File.Exists(sink) && File.ReadAllText(sink).Contains(id, StringComparison.Ordinal),
                TimeSpan.FromSeconds(60), $"{id} in the file sink; gateway log:\n{Log()}");

            // Under qemu the host may still be starting its last services (the console's Kestrel, the watchdog) after the
            // broker took the press; the watchdog starts last and says so. A SIGTERM before then is a stop during start-up.
            await Eventually.TrueAsync(() => Log().Contains("SystemdWatchdogService[4800]", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60), $"the gateway to finish starting; log:\n{Log()}");
            Signals.Terminate(gateway.Id);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await gateway.WaitForExitAsync(stop.Token);
            Assert.True(gateway.ExitCode == 0, $"exit code {gateway.ExitCode} after SIGTERM; log:\n{Log()}");
            Assert.DoesNotContain("fail:", Log(), StringComparison.Ordinal);
            Assert.DoesNotContain("crit:", Log(), StringComparison.Ordinal);
        }
        finally
        {
            if (!gateway.HasExited) gateway.Kill();
        }
    }

    [Fact]
    public async Task Published_arm64_gateway_help_under_qemu_gives_each_settings_default_and_meaning()
    {
        var qemu = RequireQemu();
        var result = await ExternalTool.RunAsync(qemu, ["-L", "/", Path.Combine(_release.Folder, "gateway", "edgegw-gateway"), "--help"],
            TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"edgegw-gateway --help exited {result.ExitCode}:\n{result.StdOut}{result.StdErr}");
        // The meaning comes from the gateway's documentation files, which the release keeps beside the executable.
        Assert.Contains("--Broker:Limits:ConnectTimeout=00:00:10\n      How long a connection may take", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_arm64_cli_under_qemu_opens_a_registry()
    {
        var qemu = RequireQemu();
        var data = Path.Combine(_dir.Path, "cli-data");
        var result = await ExternalTool.RunAsync(qemu, ["-L", "/", Path.Combine(_release.Folder, "cli", "edgegw"), "device", "list", "--data-dir", data],
            TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"edgegw device list exited {result.ExitCode}:\n{result.StdOut}{result.StdErr}");
        Assert.True(File.Exists(Path.Combine(data, "registry.db")));
    }

    [Fact]
    public async Task Tarball_holds_both_programs_the_unit_the_install_script_and_the_guide()
    {
        foreach (var file in new[]
                 {
                     "gateway/edgegw-gateway", "gateway/appsettings.json", "cli/edgegw", "edgegw-gateway.service", "install.sh",
                     "gateway.env.example", "GATEWAY.md", "VERSION",
                 })
        {
            Assert.True(File.Exists(Path.Combine(_release.Folder, file)), $"the release lacks {file}");
        }
        Assert.Equal(File.ReadAllText(RepoRoot.File("gateway", "deploy", "edgegw-gateway.service")),
            File.ReadAllText(Path.Combine(_release.Folder, "edgegw-gateway.service")));
        var syntax = await ExternalTool.RunAsync("sh", ["-n", Path.Combine(_release.Folder, "install.sh")], TimeSpan.FromSeconds(30));
        Assert.True(syntax.ExitCode == 0, "install.sh: " + syntax.StdErr);
        Assert.True((File.GetUnixFileMode(Path.Combine(_release.Folder, "install.sh")) & UnixFileMode.UserExecute) != 0, "install.sh is not executable");
        _output.WriteLine($"{_release.Tarball}: {new FileInfo(_release.Tarball).Length / 1e6:0.0} MB; ./release.sh took {_release.PublishTime.TotalSeconds:0} s (0: prebuilt)");
    }

    [Fact]
    public void Gateway_ships_as_one_NativeAOT_executable_with_its_native_libraries_and_its_symbols_beside_the_tarball()
    {
        var gateway = Path.Combine(_release.Folder, "gateway");
        Assert.False(File.Exists(Path.Combine(gateway, "edgegw-gateway.dll")), "a managed edgegw-gateway.dll: the gateway is not the NativeAOT build");
        Assert.Equal(0xB7, ElfMachine(Path.Combine(gateway, "libe_sqlite3.so"))); // SQLite stays a separate arm64 library
        Assert.Empty(Directory.GetFiles(_release.Folder, "*.dbg", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(gateway, "*.pdb"));
        var symbols = _release.Tarball[..^".tar.gz".Length] + ".gateway.dbg";
        Assert.True(File.Exists(symbols), $"the gateway's debug symbols are not beside the tarball ({symbols})");
    }

    private static string RequireQemu()
    {
        var qemu = ExternalTool.Which(Qemu) ?? throw new InvalidOperationException(
            $"{Qemu} is not installed, so the arm64 release cannot run here. ./test.sh installs it with the arm64 libraries " +
            "(dpkg --add-architecture arm64; apt-get install qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 libicu72:arm64 " +
            "zlib1g:arm64 libssl3:arm64); this test fails rather than skips where it cannot run.");
        if (!File.Exists("/lib/ld-linux-aarch64.so.1"))
            throw new InvalidOperationException("the arm64 C library is missing (/lib/ld-linux-aarch64.so.1): apt-get install libc6:arm64 (./test.sh does)");
        return qemu;
    }

    private static int ElfMachine(string path)
    {
        using var f = File.OpenRead(path);
        var header = new byte[20];
        f.ReadExactly(header);
        Assert.True(header[0] == 0x7F && header[1] == 'E' && header[2] == 'L' && header[3] == 'F', $"{path} is not an ELF executable");
        return header[18] | (header[19] << 8);
    }

    public void Dispose() => _dir.Dispose();
}
