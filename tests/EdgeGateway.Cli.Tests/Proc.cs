using System.Diagnostics;
using System.Text;

namespace EdgeGateway.Cli.Tests;

/// <summary>Runs the built executables (edgegw, edgegw-vdev) as real processes with their output captured.</summary>
internal sealed class Proc : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();

    private Proc(Process process) => _process = process;

    public string Output { get { lock (_out) return _out.ToString(); } }

    public int ExitCode => _process.ExitCode;

    public static Proc Start(string assembly, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + assembly);
        var proc = new Proc(p);
        p.OutputDataReceived += (_, e) => proc.Append(e.Data);
        p.ErrorDataReceived += (_, e) => proc.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return proc;
    }

    /// <summary>Runs edgegw to completion (60 s at most) and returns its exit code and output.</summary>
    public static async Task<(int Code, string Output)> EdgegwAsync(params string[] args)
    {
        await using var p = Start("edgegw", args);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p._process.WaitForExitAsync(cts.Token);
        p._process.WaitForExit(); // drain the output handlers
        return (p.ExitCode, p.Output);
    }

    /// <summary>Waits for the process to exit (failing after <paramref name="timeout"/>) and returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drain the output handlers
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_out) _out.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
