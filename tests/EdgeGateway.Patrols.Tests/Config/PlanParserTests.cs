using System.Text;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Patrols.Tests.Config;

public sealed class PlanParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal const string Valid = """
        {
          // the beacons' checkpoint.id values
          "checkpoints": [
            { "id": "cp-1", "name": "North gate", "lat": -33.92, "lon": 18.42 },
            { "id": "cp-2", "name": "Pump house", "x": 12.5, "y": 40 },
            { "id": "cp-3" }
          ],
          "routes": [
            { "id": "route-A", "minWalk": "1m",
              "stops": [
                { "checkpoint": "cp-1", "at": "0m", "tolerance": "3m" },
                { "checkpoint": "cp-2", "at": "10m", "tolerance": "3m", "grace": "5m", "walk": "2m" },
                { "checkpoint": "cp-3", "at": "20m", "tolerance": "3m" }
              ] },
            { "id": "loop", "order": "any", "stops": [ { "checkpoint": "cp-1" }, { "checkpoint": "cp-3" } ] }
          ],
          "schedules": [
            { "id": "north-night", "route": "route-A", "team": "north", "cron": "0 22,0,2,4 * * *",
              "timeZone": "Africa/Johannesburg", "maxDuration": "1h" },
            { "id": "south-loop", "route": "loop", "team": "south", "cron": "30 */2 * * *", "timeZone": "UTC", "maxDuration": "90m" },
          ]
        }
        """;

    [Fact]
    public void A_full_file_gives_checkpoints_routes_and_schedules()
    {
        var plan = Parse(Valid);

        Assert.Equal(["cp-1", "cp-2", "cp-3"], plan.Checkpoints.Keys.Order());
        Assert.Equal("North gate", plan.Checkpoints["cp-1"].Name);
        Assert.Equal("cp-3", plan.Checkpoints["cp-3"].Name);
        Assert.Equal(12.5, plan.Checkpoints["cp-2"].Position!.X);
        var a = plan.Routes["route-A"];
        Assert.Equal(RouteOrder.Ordered, a.Order);
        Assert.Equal(TimeSpan.FromMinutes(10), a.Stops[1].At);
        Assert.Equal(TimeSpan.FromMinutes(5), a.Stops[1].Grace);
        Assert.Equal(TimeSpan.FromMinutes(3), a.Stops[0].Grace); // grace defaults to the tolerance
        Assert.Equal(TimeSpan.FromMinutes(2), a.Stops[1].Walk);
        Assert.Equal(TimeSpan.FromMinutes(1), a.Stops[2].Walk); // walk defaults to the route's minWalk
        Assert.Equal(RouteOrder.Any, plan.Routes["loop"].Order);
        var night = plan.FindSchedule("north-night")!;
        Assert.Equal("north", night.Team);
        Assert.Equal(TimeSpan.FromHours(1), night.Duration);
        // 22:00 in Johannesburg (UTC+2) is 20:00 UTC
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero), night.StartsBetween(Now, Now.AddDays(1)).First());
    }

    [Fact]
    public void A_syntax_error_names_its_line()
    {
        var text = Valid.Replace("\"name\": \"Pump house\",", "\"name\": \"Pump house\" \"oops\",", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "Pump house"), "'\"' is invalid after a value");
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_line_and_path()
    {
        var text = Valid.Replace("\"lat\": -33.92", "\"lat\": \"south\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "\"south\""), "(at $.checkpoints[0].lat)");
    }

    [Fact]
    public void An_unknown_property_is_named()
    {
        var text = Valid.Replace("\"minWalk\": \"1m\",", "\"minWalk\": \"1m\", \"tolerence\": \"3m\",", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "tolerence"), "unknown property 'tolerence'");
    }

    [Fact]
    public void An_unknown_checkpoint_names_the_stops_line()
    {
        var text = Valid.Replace("{ \"checkpoint\": \"cp-3\", \"at\"", "{ \"checkpoint\": \"cp-9\", \"at\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "cp-9"), "unknown checkpoint 'cp-9' (not in checkpoints)");
    }

    [Theory]
    [InlineData("0m", "tolerance must be greater than zero (is 0m)")]
    [InlineData("-2m", "tolerance must be greater than zero (is -2m)")]
    [InlineData("3 minutes", "tolerance '3 minutes' is not a duration")]
    public void A_tolerance_must_be_a_positive_duration(string tolerance, string expected)
    {
        var text = Valid.Replace("\"at\": \"20m\", \"tolerance\": \"3m\"", $"\"at\": \"20m\", \"tolerance\": \"{tolerance}\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "\"20m\""), expected);
    }

    [Fact]
    public void A_bad_cron_names_its_line()
    {
        var text = Valid.Replace("\"30 */2 * * *\"", "\"30 */2 * *\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "30 */2"), "bad cron '30 */2 * *'");
    }

    [Fact]
    public void An_unknown_time_zone_names_its_line()
    {
        var text = Valid.Replace("\"Africa/Johannesburg\"", "\"Africa/Atlantis\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "Atlantis"), "unknown time zone 'Africa/Atlantis'");
    }

    [Fact]
    public void Overlapping_rounds_of_one_team_are_refused()
    {
        // Two schedules of team north: 22:00 for an hour, and 22:30.
        var text = Valid.Replace("\"team\": \"south\", \"cron\": \"30 */2 * * *\", \"timeZone\": \"UTC\"",
            "\"team\": \"north\", \"cron\": \"30 20 * * *\", \"timeZone\": \"UTC\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "south-loop"), "rounds of team 'north' overlap: schedule 'south-loop' has a round at 2026-03-01 20:30 +00:00");
    }

    [Fact]
    public void A_round_longer_than_its_interval_overlaps_itself()
    {
        var text = Valid.Replace("\"maxDuration\": \"90m\"", "\"maxDuration\": \"3h\"", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "south-loop"), "rounds of schedule 'south-loop' overlap");
    }

    [Fact]
    public void An_unknown_route_and_a_window_past_the_round_are_each_named()
    {
        var text = Valid.Replace("\"route\": \"loop\"", "\"route\": \"loops\"", StringComparison.Ordinal)
            .Replace("\"maxDuration\": \"1h\"", "\"maxDuration\": \"20m\"", StringComparison.Ordinal);
        var ex = Assert.Throws<PatrolConfigException>(() => Parse(text));
        Assert.Contains(ex.Problems, p => p.StartsWith($"patrols.json line {LineOf(text, "\"20m\" }")}: maxDuration 20m ends before the last window of route 'route-A' closes (26m)", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith($"patrols.json line {LineOf(text, "loops")}: unknown route 'loops'", StringComparison.Ordinal));
    }

    [Fact]
    public void Timing_on_an_any_order_route_is_refused()
    {
        var text = Valid.Replace("{ \"checkpoint\": \"cp-1\" }", "{ \"checkpoint\": \"cp-1\", \"at\": \"7m\" }", StringComparison.Ordinal);
        AssertProblem(text, LineOf(text, "\"7m\""), "at, tolerance and grace are for ordered routes");
    }

    [Fact]
    public void A_file_too_big_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"patrols-{Guid.NewGuid():N}.json");
        try
        {
            using (var f = File.Create(path)) f.SetLength(PlanParser.MaxBytes + 1);
            var ex = Assert.Throws<PatrolConfigException>(() => PlanParser.ParseFile(path, Now));
            Assert.Contains("is more than the 1048576 allowed", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static PatrolPlan Parse(string text) => PlanParser.Parse(Encoding.UTF8.GetBytes(text), "patrols.json", Now);

    private static void AssertProblem(string text, int line, string expected)
    {
        var ex = Assert.Throws<PatrolConfigException>(() => Parse(text));
        var prefix = $"patrols.json line {line}: ";
        Assert.True(ex.Problems.Any(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal)),
            $"expected a problem '{prefix}…{expected}…', got:\n{string.Join("\n", ex.Problems)}");
    }

    private static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(marker, StringComparison.Ordinal)) return i + 1;
        throw new ArgumentException($"'{marker}' is not in the text");
    }
}
