namespace EdgeGateway.Bench;

/// <summary>
/// How the gateway is launched for a footprint run: the framework-dependent build (<c>dotnet edgegw-gateway.dll</c>,
/// JIT) or a published executable (the NativeAOT release, or the self-contained ReadyToRun build it replaced), with
/// runtime settings as environment variables (<c>DOTNET_GCHeapHardLimit</c>, <c>DOTNET_GCConserveMemory</c>, ...).
/// </summary>
internal sealed record GatewayBuild(string Name, string? Executable, IReadOnlyDictionary<string, string> Environment)
{
    public static GatewayBuild FrameworkDependent { get; } = new("framework-dependent (dotnet edgegw-gateway.dll)", null, new Dictionary<string, string>());

    /// <summary>The NativeAOT publish in <paramref name="publishDir"/>, as ./release.sh builds it for the Pi.</summary>
    public static GatewayBuild Release(string publishDir) => new("NativeAOT (the release)", ExecutableIn(publishDir), new Dictionary<string, string>());

    /// <summary>
    /// The variants scenario 6 compares: the NativeAOT release in <paramref name="releaseDir"/> alone and under each GC
    /// setting; when given, the self-contained ReadyToRun publish in <paramref name="readyToRunDir"/> (the release
    /// before issue 18) alone and under each JIT setting, and a trimmed ReadyToRun publish.
    /// </summary>
    public static IReadOnlyList<GatewayBuild> Variants(string releaseDir, string? readyToRunDir, string? trimmedDir)
    {
        var aot = ExecutableIn(releaseDir);
        static Dictionary<string, string> Env(params (string K, string V)[] kv) => kv.ToDictionary(x => x.K, x => x.V);
        var list = new List<GatewayBuild>
        {
            FrameworkDependent,
            Release(releaseDir),
            new("NativeAOT + DOTNET_GCgen0size=0x400000 (4 MB gen0 budget)", aot, Env(("DOTNET_GCgen0size", "0x400000"))),
            new("NativeAOT + DOTNET_GCConserveMemory=9", aot, Env(("DOTNET_GCConserveMemory", "9"))),
            new("NativeAOT + DOTNET_GCHeapHardLimit=0x3000000 (48 MB)", aot, Env(("DOTNET_GCHeapHardLimit", "0x3000000"))),
            new("NativeAOT + DOTNET_gcConcurrent=0 (no background GC thread)", aot, Env(("DOTNET_gcConcurrent", "0"))),
        };
        if (readyToRunDir is not null)
        {
            var r2r = ExecutableIn(readyToRunDir);
            list.Add(new("self-contained, ReadyToRun (the release before issue 18)", r2r, Env()));
            list.Add(new("ReadyToRun + DOTNET_TieredPGO=1 (PGO instrumentation back on; the project turns it off)", r2r, Env(("DOTNET_TieredPGO", "1"))));
            list.Add(new("ReadyToRun + DOTNET_EnableWriteXorExecute=0 (no W^X double mapping of JIT code)", r2r, Env(("DOTNET_EnableWriteXorExecute", "0"))));
            list.Add(new("ReadyToRun + DOTNET_TieredCompilation=0", r2r, Env(("DOTNET_TieredCompilation", "0"))));
        }
        if (trimmedDir is not null && File.Exists(Path.Combine(trimmedDir, "edgegw-gateway")))
            list.Add(new("trimmed, self-contained, ReadyToRun", Path.Combine(trimmedDir, "edgegw-gateway"), Env()));
        return list;
    }

    private static string ExecutableIn(string publishDir)
    {
        var exe = Path.Combine(publishDir, "edgegw-gateway");
        if (!File.Exists(exe)) throw new InvalidOperationException($"no published gateway at {exe} (bench.sh publishes it)");
        return exe;
    }
}
