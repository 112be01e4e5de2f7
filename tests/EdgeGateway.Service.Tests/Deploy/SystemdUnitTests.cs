using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Deploy;

/// <summary>
/// gateway/deploy/edgegw-gateway.service checked by systemd's own tools. The unit is laid into a scratch root
/// (with the system's unit directory and a stand-in executable at the ExecStart path) so systemd-analyze can
/// resolve it the way it would on the Pi after install.sh.
/// </summary>
public sealed class SystemdUnitTests : IDisposable
{
    private const string Unit = "edgegw-gateway.service";
    private readonly TempDir _root = new("edgegw-unit");

    [Fact]
    public async Task Unit_file_passes_systemd_analyze_verify_without_warnings()
    {
        var analyze = RequireSystemdAnalyze();
        var result = await ExternalTool.RunAsync(analyze, ["verify", "--man=no", $"--root={LayRoot()}", Unit], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"systemd-analyze verify exited {result.ExitCode}:\n{result.StdErr}{result.StdOut}");
        // verify exits 0 on unknown keys and bad values (it only logs them): any line it prints is a defect.
        Assert.True(result.StdErr.Trim().Length == 0, "systemd-analyze verify warned:\n" + result.StdErr);
    }

    [Fact]
    public async Task Unit_is_hardened_to_an_exposure_of_at_most_3()
    {
        var analyze = RequireSystemdAnalyze();
        // --threshold=30 makes it exit non-zero above an exposure level of 3.0 (of 10).
        var result = await ExternalTool.RunAsync(analyze,
            ["security", "--offline=true", "--no-pager", "--threshold=30", $"--root={LayRoot()}", Unit], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"systemd-analyze security exited {result.ExitCode}:\n{result.StdOut}{result.StdErr}");
        Assert.Contains("Overall exposure level for " + Unit, result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_runs_as_a_notify_service_with_a_watchdog_as_its_own_user_in_gpio_and_i2c()
    {
        var lines = File.ReadAllLines(UnitPath()).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var required in new[]
                 {
                     "Type=notify", "WatchdogSec=30", "User=edgegw", "SupplementaryGroups=gpio i2c", "StateDirectory=edgegw",
                     "StateDirectoryMode=0700", "UMask=0077", "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes",
                 })
        {
            Assert.True(lines.Contains(required), $"{Unit} lacks '{required}'");
        }
    }

    private static string UnitPath() => RepoRoot.File("gateway", "deploy", Unit);

    private static string RequireSystemdAnalyze() =>
        ExternalTool.Which("systemd-analyze")
        ?? throw new InvalidOperationException(
            "systemd-analyze is not installed, so the unit file cannot be verified. ./test.sh installs it (apt-get install systemd); " +
            "this test fails rather than skips where it cannot run.");

    /// <summary>A root with the unit in /etc/systemd/system, the system's units, and an executable at ExecStart.</summary>
    private string LayRoot()
    {
        var root = _root.Path;
        var etc = Directory.CreateDirectory(Path.Combine(root, "etc", "systemd", "system")).FullName;
        File.Copy(UnitPath(), Path.Combine(etc, Unit), overwrite: true);
        var exec = File.ReadAllLines(UnitPath()).Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..].Split(' ')[0];
        var stand = Path.Combine(root, exec.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(stand)!);
        File.Copy("/bin/true", stand, overwrite: true);
        CopyTree("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));
        return root;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link) File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo d) CopyTree(d.FullName, target);
            else File.Copy(entry.FullName, target);
        }
    }

    public void Dispose() => _root.Dispose();
}
