using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.TestInfra;
using Xunit.Abstractions;

namespace EdgeGateway.Bench.Tests;

/// <summary>
/// The bench runs end to end on tiny numbers (<c>--quick</c>), so a change that breaks a scenario shows here and not
/// months later when someone runs ./bench.sh. Speed is not asserted: every scenario must finish and print its row with
/// positive figures. Scenario 6 (footprint of the published builds) is left out: the publishes alone take longer
/// than the whole smoke run; scenario 5 runs the same measurement on the framework-dependent build.
/// </summary>
public sealed class BenchSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_scenario_but_the_published_footprint_runs_on_tiny_numbers_and_prints_its_figures()
    {
        var bench = RepoRoot.File("gateway", "bench", "EdgeGateway.Bench", "bin", Configuration(), "net10.0", "edgegw-bench.dll");
        var result = await ExternalTool.RunAsync("dotnet", [bench, "--quick", "--only", "1,2,3,4,5,7,8,9,10,11,12,13,14"], TimeSpan.FromMinutes(6));
        output.WriteLine(result.StdOut);
        output.WriteLine(result.StdErr);

        Assert.True(result.ExitCode == 0, $"the bench exited with {result.ExitCode}: {result.StdErr}");
        var table = result.StdOut[result.StdOut.LastIndexOf("| measurement |", StringComparison.Ordinal)..];
        foreach (var scenario in new[] { "1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14" })
        {
            var rows = table.Split('\n').Where(l => l.StartsWith($"| {scenario} ", StringComparison.Ordinal)).ToList();
            Assert.True(rows.Count > 0, $"scenario {scenario} printed no row:\n{table}");
            foreach (var row in rows)
            {
                var figures = Regex.Matches(row.Split('|')[2], @"-?\d+(\.\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
                // The first figure is the measurement itself; later ones may be counts that are rightly zero (warnings logged).
                Assert.True(figures.Count > 0 && figures[0] > 0 && figures.All(f => f >= 0), $"scenario {scenario}: a figure is missing, zero or negative: {row}");
            }
        }
    }

    [Fact]
    public async Task A_mistyped_flag_is_refused_with_the_usage()
    {
        var bench = RepoRoot.File("gateway", "bench", "EdgeGateway.Bench", "bin", Configuration(), "net10.0", "edgegw-bench.dll");
        var result = await ExternalTool.RunAsync("dotnet", [bench, "--only", "1,x"], TimeSpan.FromMinutes(1));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown or bad argument '--only'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Usage: edgegw-bench", result.StdErr, StringComparison.Ordinal);
    }

    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}
