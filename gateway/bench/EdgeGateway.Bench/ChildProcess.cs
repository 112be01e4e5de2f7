using System.Diagnostics;
using System.Net.Sockets;

namespace EdgeGateway.Bench;

/// <summary>A child process (Mosquitto or the gateway) on 127.0.0.1, killed on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly string[] MosquittoPaths = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];

    private readonly Process _p;

    private ChildProcess(Process p, int port)
    {
        _p = p;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _p.Id;

    /// <summary>Warning, error and critical lines the process has logged to stdout so far.</summary>
    public int Warnings => Volatile.Read(ref _warnings);

    private int _warnings;

    private int _uplinkWarnings;

    /// <summary>Of <see cref="Warnings"/>, those the uplink, its resilience layer or the forwarder logged (the way to the cloud).</summary>
    public int UplinkWarnings => Volatile.Read(ref _uplinkWarnings);

    public static int FreePort() => EdgeGateway.Core.Net.FreeTcpPort.Pick();

    public static ChildProcess Mosquitto(string dir, int port, string extra = "")
    {
        Directory.CreateDirectory(dir);
        var conf = Path.Combine(dir, $"mosquitto-{port}.conf");
        File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages 0\nmax_queued_messages 0\nlog_dest none\n{extra}\n");
        var exe = MosquittoPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install -y mosquitto)");
        return Start(exe, ["-c", conf], port);
    }

    public static ChildProcess Gateway(string dataDir, int port, params string[] args) => Gateway(GatewayBuild.FrameworkDependent, dataDir, port, args);

    public static ChildProcess Gateway(GatewayBuild build, string dataDir, int port, params string[] args)
    {
        string[] common = [$"--Broker:Port={port}", "--Broker:Host=127.0.0.1", $"--Gateway:DataDirectory={dataDir}",
            $"--Uplink:File:Path={Path.Combine(dataDir, "uplink.jsonl")}", "--Logging:LogLevel:Default=Warning",
            // The simulated devices are anonymous. Auth costs one PBKDF2 check per connect (cached after), not per event;
            // the ACL's per-publish topic check stays in the measured path only when auth is on.
            "--Broker:RequireAuth=false",
            // The console on a free port (a caller's own --Console:Url comes later and wins): on a shared machine another
            // gateway may hold the default 8080, and the bench's gateway would exit once its broker was already listening.
            $"--Console:Url=http://127.0.0.1:{FreePort()}", .. args];
        return build.Executable is null
            ? Start("dotnet", [Paths.GatewayDll(), .. common], port, build.Environment)
            : Start(build.Executable, common, port, build.Environment);
    }

    private static ChildProcess Start(string exe, string[] args, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        var c = new ChildProcess(p, port);
        // The gateway logs to stdout in the simple console format: "19:12:09.107 warn: Category[id] …" (also fail, crit).
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line || !IsWarningOrWorse(line)) return;
            Interlocked.Increment(ref c._warnings);
            if (line.Contains("EdgeGateway.CloudBridge.", StringComparison.Ordinal) || line.Contains(".Forwarding.", StringComparison.Ordinal))
                Interlocked.Increment(ref c._uplinkWarnings);
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        c.WaitListening(TimeSpan.FromSeconds(30));
        return c;
    }

    private static bool IsWarningOrWorse(string line)
    {
        var level = line.IndexOf(": ", StringComparison.Ordinal);
        if (level < 4) return false;
        var word = line.AsSpan(level - 4, 4);
        return word is "warn" or "fail" or "crit";
    }

    /// <summary>Waits until the process listens on <paramref name="port"/> (default: its broker port); fails if it exits first.</summary>
    public TimeSpan WaitListening(TimeSpan timeout, int? port = null)
    {
        var target = port ?? Port;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (_p.HasExited) throw new InvalidOperationException($"process exited with {_p.ExitCode} before listening on {target}");
            try
            {
                using var c = new TcpClient();
                c.Connect(System.Net.IPAddress.Loopback, target);
                return sw.Elapsed;
            }
            catch (SocketException)
            {
                Thread.Sleep(2); // polling a port that is not open yet; nothing to wait on
            }
        }
        throw new TimeoutException($"nothing listening on {target} after {timeout}");
    }

    /// <summary>CPU time (user + system) the process has used so far, in ms, from /proc/&lt;pid&gt;/stat: unlike wall time,
    /// it hardly depends on how busy the machine's other processes keep the cores.</summary>
    public double CpuMs()
    {
        var stat = File.ReadAllText($"/proc/{_p.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return ticks * 10.0; // USER_HZ is 100 on Linux
    }

    /// <summary>
    /// The dirty part of the resident set in MB (Private_Dirty + Shared_Dirty of /proc/&lt;pid&gt;/smaps_rollup): heap,
    /// stacks, JIT'd code, written pages of mapped images. What RSS holds beyond it are clean pages of mapped files (the
    /// assemblies' code), which the kernel drops under memory pressure and reads again when touched.
    /// </summary>
    public double DirtyMb()
    {
        double kb = 0;
        foreach (var line in File.ReadLines($"/proc/{_p.Id}/smaps_rollup"))
            if (line.StartsWith("Private_Dirty:", StringComparison.Ordinal) || line.StartsWith("Shared_Dirty:", StringComparison.Ordinal))
                kb += double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        return kb / 1024;
    }

    /// <summary>Resident set size in MB from /proc/&lt;pid&gt;/status (VmRSS).</summary>
    public double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_p.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }

    /// <summary>
    /// Bytes the process caused to be written to storage so far (<c>write_bytes</c> of /proc/&lt;pid&gt;/io: what
    /// reaches the block layer, so an SD card's wear, not the bytes passed to write()).
    /// </summary>
    public long WriteBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_p.Id}/io"))
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                return long.Parse(line["write_bytes:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"/proc/{_p.Id}/io has no write_bytes");
    }

    public void Dispose()
    {
        try
        {
            if (!_p.HasExited)
            {
                _p.Kill();
                _p.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _p.Dispose();
    }
}
