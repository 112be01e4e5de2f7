using System.Diagnostics;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.Release;

/// <summary>
/// Builds the Pi release once for the test class, exactly as a maintainer does (<c>./release.sh</c>: linux-arm64, the
/// gateway NativeAOT cross-compiled and linked with clang, the CLI self-contained ReadyToRun, packed with the unit and
/// install script), and unpacks the tarball. The publish is the slow part (the gateway's NativeAOT compile and link
/// and the CLI's ReadyToRun: about 4.5 min on two cores other builds were using, against 3 min for the ReadyToRun
/// gateway it replaced; <see cref="PublishTime"/> says how long it took here).
/// <c>EDGEGW_RELEASE_TARBALL</c>, when set, names a tarball already built by ./release.sh to test instead (for
/// iterating on the tests; CI leaves it unset and builds from the checkout).
/// </summary>
public sealed class ArmReleaseFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("edgegw-release");

    /// <summary>The unpacked release folder (edgegw-&lt;version&gt;-linux-arm64).</summary>
    public string Folder { get; private set; } = "";

    public string Tarball { get; private set; } = "";

    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync()
    {
        var prebuilt = Environment.GetEnvironmentVariable("EDGEGW_RELEASE_TARBALL");
        if (!string.IsNullOrEmpty(prebuilt))
        {
            Tarball = prebuilt;
        }
        else
        {
            var dist = Path.Combine(_dir.Path, "dist");
            var watch = Stopwatch.StartNew();
            var release = await ExternalTool.RunAsync(RepoRoot.File("release.sh"), ["--out", dist], TimeSpan.FromMinutes(20));
            PublishTime = watch.Elapsed;
            if (release.ExitCode != 0) throw new InvalidOperationException($"./release.sh exited {release.ExitCode}:\n{release.StdOut}{release.StdErr}");
            Tarball = Directory.GetFiles(dist, "edgegw-*-linux-arm64.tar.gz").Single();
        }
        var unpacked = Path.Combine(_dir.Path, "unpacked");
        Directory.CreateDirectory(unpacked);
        var tar = await ExternalTool.RunAsync("tar", ["-xzf", Tarball, "-C", unpacked], TimeSpan.FromMinutes(2));
        if (tar.ExitCode != 0) throw new InvalidOperationException("tar -x failed: " + tar.StdErr);
        Folder = Directory.GetDirectories(unpacked).Single();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _dir.Dispose();
}
