namespace EdgeGateway.Bench;

internal static class Paths
{
    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "EdgeGateway.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("cannot find EdgeGateway.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>The gateway built in the same configuration as the bench (bench.sh builds Release).</summary>
    public static string GatewayDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepoRoot(), "gateway", "src", "EdgeGateway.Service", "bin", configuration, "net10.0", "edgegw-gateway.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"build the gateway first ({configuration}): {dll} is missing");
    }

    public static string Temp(string name)
    {
        var p = Path.Combine(Path.GetTempPath(), "edgegw-bench-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(p);
        return p;
    }
}
