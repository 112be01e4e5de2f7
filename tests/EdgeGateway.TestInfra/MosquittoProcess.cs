using System.Diagnostics;
using System.Text;

namespace EdgeGateway.TestInfra;

/// <summary>
/// A real Mosquitto broker process on a free 127.0.0.1 port, with its own config in a temp directory.
/// The test command installs mosquitto (apt-get); if it is missing the test fails with a plain message.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TempDir _dir;

    private MosquittoProcess(Process process, TempDir dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string Host { get; } = "127.0.0.1";

    public string Directory => _dir.Path;

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static string FindExecutable()
    {
        foreach (var candidate in new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("mosquitto is not installed: run the README's test command (it runs apt-get install -y mosquitto)");
    }

    /// <summary>Starts Mosquitto; <paramref name="extraConfig"/> lines are appended to its config.</summary>
    public static async Task<MosquittoProcess> StartAsync(string extraConfig = "", int? port = null, bool allowAnonymous = true)
    {
        // A free port can be taken by another process between our probe and mosquitto's bind; then try another one.
        for (var attempt = 1; ; attempt++)
        {
            var m = await StartOnceAsync(extraConfig, port ?? FreePort.Next(), allowAnonymous).ConfigureAwait(false);
            if (m._process.HasExited && port is null && attempt < 5 && m.Log.Contains("Address already in use", StringComparison.Ordinal))
            {
                await m.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            if (m._process.HasExited)
            {
                var log = m.Log;
                await m.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"mosquitto exited at start-up: {log}");
            }
            return m;
        }
    }

    private static async Task<MosquittoProcess> StartOnceAsync(string extraConfig, int p, bool allowAnonymous)
    {
        var exe = FindExecutable();
        var dir = new TempDir("mosquitto");
        var conf = dir.File("mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"""
            listener {p} 127.0.0.1
            allow_anonymous {(allowAnonymous ? "true" : "false")}
            persistence false
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            max_inflight_messages 0
            max_queued_messages 0
            {extraConfig}
            """).ConfigureAwait(false);
        var psi = new ProcessStartInfo(exe, $"-c {conf}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start mosquitto");
        var m = new MosquittoProcess(process, dir, p);
        process.OutputDataReceived += (_, e) => m.Append(e.Data);
        process.ErrorDataReceived += (_, e) => m.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await FreePort.WaitListeningAsync(p, TimeSpan.FromSeconds(10), () => "mosquitto log: " + m.Log, () => !process.HasExited).ConfigureAwait(false);
        if (process.HasExited) await process.WaitForExitAsync().ConfigureAwait(false); // flush its output into the log
        return m;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>SIGKILLs the broker (an outage) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the broker the way an operator does (SIGTERM) and waits for it to exit: with persistence configured it
    /// first saves its sessions and the messages queued for them.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Signal(15);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Config lines that keep sessions and queued QoS 1 messages across a <see cref="StopAsync"/> and a new start on
    /// the same <paramref name="directory"/> (Mosquitto saves its database on SIGTERM and loads it at start).
    /// </summary>
    public static string PersistenceConfig(string directory) => $"""
        persistence true
        persistence_location {directory.TrimEnd('/')}/
        autosave_interval 0
        user {Environment.UserName}
        """;

    /// <summary>SIGSTOPs the broker: connections stay open but nothing is acked (a stalled link).</summary>
    public void Pause() => Signal(19);

    /// <summary>SIGCONTs a paused broker.</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (NativeMethods.Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Resume();
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        _dir.Dispose();
    }
}
