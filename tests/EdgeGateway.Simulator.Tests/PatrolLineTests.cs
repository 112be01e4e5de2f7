using EdgeGateway.Patrols.Config;

namespace EdgeGateway.Simulator.Tests;

public sealed class PatrolLineTests
{
    private static readonly string RepoRoot = FindRoot();

    [Fact]
    public void The_night_scenario_walks_four_rounds_with_one_checkpoint_skipped_and_one_late()
    {
        var plan = PlanParser.ParseFile(Path.Combine(RepoRoot, "firmware/simulator/scenarios/patrol-night.patrols.json"), DateTimeOffset.UtcNow);
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, "firmware/simulator/scenarios/patrol-night.txt"));
        var steps = ScenarioParser.Parse(lines, plan, new DateTime(2026, 3, 1, 21, 0, 0));

        Assert.Equal(5 + 4 + 5 + 5, steps.Count);
        Assert.All(steps, s => Assert.Equal("tap", s.Action));
        // 22:00 is one hour after the start; route-A's stops are 8 minutes apart.
        Assert.Equal([60, 68, 76, 84, 92], steps.Take(5).Select(s => s.At.TotalMinutes));
        Assert.Equal(["cb-0001", "cb-0002", "cb-0004", "cb-0005"], steps.Skip(5).Take(4).Select(s => s.Device)); // cp-0003 skipped at 00:00
        Assert.Equal(5 * 60 + 32 + 6, steps[13].At.TotalMinutes); // 02:00 round, cp-0005 six minutes late
        Assert.Equal(new byte[] { 0x04, 0xD5, 0xE6, 0xF7 }, steps[13].Uid);
    }

    [Theory]
    [InlineData("at 1m patrol north walk route-Z card 04A1B2C3", "route 'route-Z' is not in the patrols file")]
    [InlineData("at 1m patrol north walk route-A card 04A1", "4, 7 or 10 bytes")]
    [InlineData("at 1m patrol north walk route-A card 04A1B2C3 skip cp-0009", "checkpoint 'cp-0009' is not on route 'route-A'")]
    [InlineData("at 1m patrol north walk route-A card 04A1B2C3 late cp-0002", "'late cp-0002' needs a time")]
    [InlineData("at 1m patrol north route-A", "expected 'at <time> patrol <team> walk <route> card <UID>")]
    [InlineData("at 25:00 patrol north walk route-A card 04A1B2C3", "time '25:00' must be HH:mm")]
    public void A_bad_patrol_line_is_refused_with_its_number_and_reason(string line, string expected)
    {
        var plan = PlanParser.ParseFile(Path.Combine(RepoRoot, "firmware/simulator/scenarios/patrol-night.patrols.json"), DateTimeOffset.UtcNow);
        var ex = Assert.Throws<FormatException>(() => ScenarioParser.Parse(["# first", line], plan));
        Assert.Contains("scenario line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patrol_line_without_the_routes_file_says_so()
    {
        var ex = Assert.Throws<FormatException>(() => ScenarioParser.Parse(["at 1m patrol north walk route-A card 04A1B2C3"]));
        Assert.Contains("give --patrols", ex.Message, StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
