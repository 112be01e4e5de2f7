using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeGateway.Core.Devices;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Simulator.Tests.Docs;

/// <summary>
/// Issue 14: the commands a README marks runnable (a fenced block opened with <c>```sh runnable</c>) work as written
/// after <c>./run.sh</c> has run once. The test does what run.sh does before it starts anything (registers its devices
/// with <c>edgegw device add</c>, secrets in the repository's <c>data/sim</c>; idempotent), gives a real gateway with
/// authentication on (its own data directory) the same devices and secrets, and runs each command with <c>sh</c> from
/// the repository root. The one liberty taken: <c>--port 1883</c> becomes the test gateway's free port.
/// </summary>
[Collection(nameof(RunnableReadmeCommandsTests))] // builds and runs programs: alone, so it cannot starve the timed waits of others
public sealed partial class RunnableReadmeCommandsTests
{
    private static readonly string[] Readmes = ["README.md", "firmware/simulator/README.md"];

    [Fact]
    public async Task Every_runnable_command_in_the_readmes_works_against_a_gateway_set_up_as_run_sh_leaves_it()
    {
        var root = RepoRoot();
        var commands = Readmes.SelectMany(f => Runnable(File.ReadAllText(Path.Combine(root, f))).Select(c => (File: f, Command: c))).ToList();
        Assert.True(commands.Count >= 2, $"found {commands.Count} runnable commands");

        await using var gateway = await InProcessGateway.StartWithAuthAsync();
        foreach (var id in ReadRunShDevices(root))
        {
            var type = id.StartsWith("pb-", StringComparison.Ordinal) ? DeviceKinds.PanicButton : DeviceKinds.CheckpointBeacon;
            var secretFile = Path.Combine("data", "sim", id + ".secret");
            var (added, addOutput) = await ShAsync($"dotnet gateway/src/EdgeGateway.Cli/bin/{Configuration}/net10.0/edgegw.dll --data-dir data device add " +
                $"--id {id} --type {type} --site demo --secret-file {secretFile}", root);
            Assert.True(added == 0, addOutput);
            gateway.Registry.Add(id, type, "demo", null, File.ReadAllText(Path.Combine(root, secretFile)).Trim(), DateTimeOffset.UtcNow);
        }

        foreach (var (file, command) in commands)
        {
            var (code, output) = await ShAsync(command.Replace("--port 1883", $"--port {gateway.Port}", StringComparison.Ordinal), root);
            Assert.True(code == 0, $"{file}: `{command}` exited {code}:\n{output[^Math.Min(output.Length, 3000)..]}");
        }
        Assert.True(gateway.Metrics.StoredTotal > 0, "no event reached the gateway");
        Assert.DoesNotContain("auth    refused", gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_blocks_marked_runnable_are_taken_and_continuation_lines_are_joined()
    {
        const string markdown = "```sh\nnot this\n```\n```sh runnable\n# a comment\necho a \\\n  b\necho c\n```\n";
        Assert.Equal(["echo a b", "echo c"], Runnable(markdown));
    }

    private static List<string> Runnable(string markdown) =>
        RunnableBlock().Matches(markdown).SelectMany(m => m.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            .Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    /// <summary>The ids run.sh registers (its <c>for id in …</c> line), so the test follows the script.</summary>
    private static string[] ReadRunShDevices(string root)
    {
        var line = File.ReadAllLines(Path.Combine(root, "run.sh")).Single(l => l.TrimStart().StartsWith("for id in ", StringComparison.Ordinal));
        return line.Trim()["for id in ".Length..].Split(';')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The build configuration of this test assembly (bin/&lt;Configuration&gt;/net10.0/), so the CLI of the same build is used.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";

    private static async Task<(int Code, string Output)> ShAsync(string command, string directory)
    {
        var psi = new ProcessStartInfo("sh") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return (-1, "timed out after 4 minutes\n" + await stdout + await stderr);
        }
        return (p.ExitCode, await stdout + await stderr);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```sh runnable\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex RunnableBlock();
}
