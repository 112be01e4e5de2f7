using System.Diagnostics;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Cli.Tests;

/// <summary>A real pseudo-terminal pair from socat: <see cref="DevicePath"/> for the device, <see cref="CliPath"/> for the technician.</summary>
internal sealed class PtyPair : IAsyncDisposable
{
    private readonly Process _socat;

    private PtyPair(Process socat, string dir)
    {
        _socat = socat;
        DevicePath = Path.Combine(dir, "dev");
        CliPath = Path.Combine(dir, "cli");
    }

    public string DevicePath { get; }

    public string CliPath { get; }

    public static async Task<PtyPair> StartAsync(string dir)
    {
        var psi = new ProcessStartInfo("socat", $"-d -d pty,raw,echo=0,link={dir}/dev pty,raw,echo=0,link={dir}/cli")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start socat");
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        var pair = new PtyPair(p, dir);
        await Eventually.TrueAsync(() => File.Exists(pair.DevicePath) && File.Exists(pair.CliPath), TimeSpan.FromSeconds(10), "socat pty links");
        return pair;
    }

    /// <summary>Unplugs the cable: SIGKILL socat, both ptys go away.</summary>
    public async Task UnplugAsync()
    {
        if (_socat.HasExited) return;
        _socat.Kill();
        await _socat.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await UnplugAsync();
        _socat.Dispose();
    }
}
