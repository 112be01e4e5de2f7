namespace EdgeGateway.TestInfra;

/// <summary>The repository checkout the tests run from (the folder holding EdgeGateway.sln).</summary>
public static class RepoRoot
{
    public static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"cannot find the repository root above {AppContext.BaseDirectory}");
    }

    public static string File(params string[] parts) => Path.Combine([Find(), .. parts]);
}
