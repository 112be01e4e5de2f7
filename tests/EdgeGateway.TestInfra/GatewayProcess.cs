using System.Diagnostics;
using System.Text;

namespace EdgeGateway.TestInfra;

/// <summary>
/// The gateway as a real, separate OS process (<c>dotnet edgegw-gateway.dll</c>, the build of the same
/// configuration as the test assembly), so tests can SIGKILL it mid-stream and start it again on the same
/// port and data directory. With <c>EDGEGW_TEST_GATEWAY_EXE</c> set, a published executable runs instead.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    private GatewayProcess(string dataDirectory, int port, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        DataDirectory = dataDirectory;
        Port = port;
        Args = args;
        Environment = environment ?? new Dictionary<string, string>();
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public IReadOnlyList<string> Args { get; }

    /// <summary>Extra environment variables for the process (e.g. NOTIFY_SOCKET).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public int? Pid => _process?.Id;

    /// <summary>True when the process has ended (crashed or was killed), or was never started.</summary>
    public bool HasExited => _process is null || _process.HasExited;

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// The xunit trait (<c>Category</c>) of every test that starts the gateway as a process: ./test.sh runs those tests
    /// a second time against the NativeAOT build, the build the Pi release ships.
    /// </summary>
    public const string Category = "GatewayProcess";

    /// <summary>Set to a published gateway executable (e.g. bench.sh's NativeAOT build) to run the process tests against it.</summary>
    public const string PublishedExecutableVariable = "EDGEGW_TEST_GATEWAY_EXE";

    /// <summary>The gateway dll built beside this test assembly (same Configuration).</summary>
    public static string FindDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent?.Name ?? "Debug"; // bin/<Configuration>/net10.0/
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EdgeGateway.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"cannot find the repository root above {AppContext.BaseDirectory}");
        var dll = Path.Combine(root.FullName, "gateway", "src", "EdgeGateway.Service", "bin", configuration, "net10.0", "edgegw-gateway.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"the gateway is not built at {dll}; build the solution ({configuration}) first");
        return dll;
    }

    /// <summary>
    /// How to start the gateway, output redirected: <c>dotnet edgegw-gateway.dll</c> from this build, or the published
    /// executable <c>EDGEGW_TEST_GATEWAY_EXE</c> names (the NativeAOT build in ./test.sh's second pass).
    /// </summary>
    public static ProcessStartInfo StartInfo()
    {
        var published = System.Environment.GetEnvironmentVariable(PublishedExecutableVariable);
        var psi = new ProcessStartInfo(string.IsNullOrEmpty(published) ? "dotnet" : published)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (string.IsNullOrEmpty(published)) psi.ArgumentList.Add(FindDll());
        return psi;
    }

    /// <param name="args">Extra flags, e.g. <c>--Uplink:Kind=mqtt</c>.</param>
    public static async Task<GatewayProcess> StartAsync(string dataDirectory, params string[] args)
    {
        var g = new GatewayProcess(dataDirectory, FreePort.Next(), args);
        await g.RestartAsync().ConfigureAwait(false);
        return g;
    }

    /// <param name="environment">Extra environment variables, e.g. NOTIFY_SOCKET and WATCHDOG_USEC.</param>
    public static async Task<GatewayProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var g = new GatewayProcess(dataDirectory, FreePort.Next(), args, environment);
        await g.RestartAsync().ConfigureAwait(false);
        return g;
    }

    /// <summary>Starts the process (again) with the same port, data directory and flags; waits until it listens.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the gateway is still running");
        _process?.Dispose();
        var psi = StartInfo();
        psi.ArgumentList.Add($"--Broker:Port={Port}");
        psi.ArgumentList.Add("--Broker:Host=127.0.0.1");
        psi.ArgumentList.Add($"--Gateway:DataDirectory={DataDirectory}");
        psi.ArgumentList.Add($"--Uplink:File:Path={Path.Combine(DataDirectory, "uplink.jsonl")}");
        psi.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        // Store-and-forward tests use anonymous devices; auth is tested on its own (Args may turn it back on).
        psi.ArgumentList.Add("--Broker:RequireAuth=false");
        // The ward console on a port of its own choosing, so parallel gateways do not collide on 8080 (Args may set one).
        psi.ArgumentList.Add("--Console:Url=http://127.0.0.1:0");
        foreach (var a in Args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the gateway process");
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(20), () => "gateway log: " + Log).ConfigureAwait(false);
    }

    /// <summary>SIGKILLs the process (no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
    }
}
