namespace EdgeGateway.Bench;

/// <summary>
/// How the gateway is launched for a footprint run: the framework-dependent build (<c>dotnet edgegw-gateway.dll</c>,
/// JIT) or a published self-contained executable, with runtime settings as environment variables
/// (<c>DOTNET_GCHeapHardLimit</c>, <c>DOTNET_GCConserveMemory</c>, ...).
/// </summary>
internal sealed record GatewayBuild(string Name, string? Executable, IReadOnlyDictionary<string, string> Environment)
{
    public static GatewayBuild FrameworkDependent { get; } = new("framework-dependent (dotnet edgegw-gateway.dll)", null, new Dictionary<string, string>());

    /// <summary>The self-contained ReadyToRun publish in <paramref name="publishDir"/>, as the Pi release runs it.</summary>
    public static GatewayBuild Published(string publishDir)
    {
        var exe = Path.Combine(publishDir, "edgegw-gateway");
        if (!File.Exists(exe)) throw new InvalidOperationException($"no published gateway at {exe} (bench.sh publishes it)");
        return new("self-contained, ReadyToRun", exe, new Dictionary<string, string>());
    }

    /// <summary>
    /// The variants scenario 6 compares, on the self-contained ReadyToRun publish in <paramref name="publishDir"/>, plus
    /// a trimmed and a NativeAOT publish when given (bench.sh publishes the NativeAOT one into <paramref name="aotDir"/>).
    /// </summary>
    public static IReadOnlyList<GatewayBuild> Variants(string publishDir, string? trimmedDir, string? aotDir = null)
    {
        var exe = Published(publishDir).Executable!;
        static Dictionary<string, string> Env(params (string K, string V)[] kv) => kv.ToDictionary(x => x.K, x => x.V);
        var list = new List<GatewayBuild>
        {
            FrameworkDependent,
            Published(publishDir),
            new("+ DOTNET_TieredPGO=1 (PGO instrumentation back on; the project turns it off)", exe, Env(("DOTNET_TieredPGO", "1"))),
            new("+ DOTNET_GCgen0size=0x400000 (4 MB gen0 budget)", exe, Env(("DOTNET_GCgen0size", "0x400000"))),
            new("+ DOTNET_GCConserveMemory=9", exe, Env(("DOTNET_GCConserveMemory", "9"))),
            new("+ DOTNET_GCHeapHardLimit=0x3000000 (48 MB)", exe, Env(("DOTNET_GCHeapHardLimit", "0x3000000"))),
            new("+ DOTNET_gcConcurrent=0 (no background GC thread)", exe, Env(("DOTNET_gcConcurrent", "0"))),
            new("+ DOTNET_EnableWriteXorExecute=0 (no W^X double mapping of JIT code)", exe, Env(("DOTNET_EnableWriteXorExecute", "0"))),
            new("+ DOTNET_TieredCompilation=0", exe, Env(("DOTNET_TieredCompilation", "0"))),
        };
        if (trimmedDir is not null && File.Exists(Path.Combine(trimmedDir, "edgegw-gateway")))
            list.Add(new("trimmed, self-contained, ReadyToRun", Path.Combine(trimmedDir, "edgegw-gateway"), Env()));
        if (aotDir is not null && File.Exists(Path.Combine(aotDir, "edgegw-gateway")))
            list.Add(new("NativeAOT (-p:EdgeGwNativeAot=true; measured, not the release: see BENCHMARKS.md)", Path.Combine(aotDir, "edgegw-gateway"), Env()));
        return list;
    }
}
