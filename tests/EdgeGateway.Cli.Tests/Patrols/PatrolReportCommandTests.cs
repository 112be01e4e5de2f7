using System.Text;
using System.Text.Json;
using EdgeGateway.Patrols;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Cli.Tests.Patrols;

/// <summary>`edgegw patrol report` and `patrol check` as their own process, on a patrols.db the round engine wrote.</summary>
public sealed class PatrolReportCommandTests
{
    private const string Plan = """
        { "checkpoints": [ { "id": "cp-1", "name": "Gate" }, { "id": "cp-2", "name": "Pump, house" } ],
          "routes": [ { "id": "r", "stops": [ { "checkpoint": "cp-1", "at": "0m", "tolerance": "2m" }, { "checkpoint": "cp-2", "at": "10m", "tolerance": "2m" } ] } ],
          "schedules": [ { "id": "night", "route": "r", "team": "north", "cron": "0 22 * * *", "timeZone": "UTC", "maxDuration": "30m" } ] }
        """;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 22, 0, 0, TimeSpan.Zero);

    /// <summary>One round: cp-1 on time by Thabo, cp-2 missed, and an unknown card at cp-2.</summary>
    private static void WalkOneRound(string dataDirectory)
    {
        var db = PatrolDatabase.Open(dataDirectory);
        new CardStore(db).Enrol("04A1B2C3", "Thabo M.", "north", Start.AddDays(-1));
        var engine = new RoundEngine(db, new PatrolOptions()) { Plan = PlanParser.Parse(Encoding.UTF8.GetBytes(Plan), "patrols.json", Start.AddMinutes(-5)) };
        engine.Advance(Start.AddMinutes(-5));
        engine.Advance(Start.AddMinutes(1));
        engine.Record(new Checkin("cb-1:1:1", "cb-1", "cp-1", "04A1B2C3", Start.AddMinutes(1), true), Start.AddMinutes(1));
        engine.Record(new Checkin("cb-2:1:1", "cb-2", "cp-2", "DEADBEEF", Start.AddMinutes(5), true), Start.AddMinutes(5));
        engine.Advance(Start.AddMinutes(31));
    }

    [Fact]
    public async Task The_report_shows_planned_against_actual_as_a_table_csv_and_json()
    {
        using var data = new TempDir("report");
        WalkOneRound(data.Path);
        string[] window = ["--data-dir", data.Path, "patrol", "report", "--from", "2026-03-01T21:00Z", "--to", "2026-03-02T06:00Z", "--team", "north"];

        var (code, table) = await Proc.EdgegwAsync([.. window]);
        Assert.True(code == 0, table);
        Assert.Contains("night@20260301T220000Z", table, StringComparison.Ordinal);
        Assert.Contains("missed 1", table, StringComparison.Ordinal);
        Assert.Contains("walked by Thabo M.", table, StringComparison.Ordinal);
        Assert.Contains("DEADBEEF (unknown) at cp-2: unknown_card", table, StringComparison.Ordinal);

        (code, var csv) = await Proc.EdgegwAsync([.. window, "--format", "csv"]);
        Assert.True(code == 0, csv);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("round,schedule,route,team,round_start,completed,checkpoint,", rows[0], StringComparison.Ordinal);
        Assert.Equal("night@20260301T220000Z,night,r,north,2026-03-01T22:00:00Z,yes,cp-1,Gate,2026-03-01T22:00:00Z,2026-03-01T22:01:00Z,60,04A1B2C3,Thabo M.,on_time,", rows[1]);
        Assert.Equal("night@20260301T220000Z,night,r,north,2026-03-01T22:00:00Z,yes,cp-2,\"Pump, house\",2026-03-01T22:10:00Z,,,,,missed,", rows[2]);

        (code, var json) = await Proc.EdgegwAsync([.. window, "--format", "json"]);
        Assert.True(code == 0, json);
        var round = JsonDocument.Parse(json).RootElement.GetProperty("rounds")[0];
        Assert.Equal(1, round.GetProperty("on_time").GetInt32());
        Assert.Equal(1, round.GetProperty("missed").GetInt32());
        Assert.Equal("unknown_card", round.GetProperty("flagged")[0].GetProperty("flags")[0].GetString());
    }

    [Fact]
    public async Task Another_teams_report_is_empty_and_a_bad_time_is_refused()
    {
        using var data = new TempDir("report");
        WalkOneRound(data.Path);
        var (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "patrol", "report", "--from", "2026-03-01T21:00Z", "--to", "2026-03-02T06:00Z", "--team", "south", "--format", "json");
        Assert.True(code == 0, output);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement.GetProperty("rounds").GetArrayLength());

        (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "patrol", "report", "--from", "yesterday");
        Assert.Equal(1, code);
        Assert.Contains("--from 'yesterday' is not a date or time", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_names_each_problem_of_patrols_json_with_its_line()
    {
        using var data = new TempDir("check");
        await File.WriteAllTextAsync(Path.Combine(data.Path, "patrols.json"), Plan.Replace("\"tolerance\": \"2m\" }, {", "\"tolerance\": \"0m\" }, {", StringComparison.Ordinal));
        var (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "patrol", "check");
        Assert.Equal(1, code);
        Assert.Contains("patrols.json line 2: tolerance must be greater than zero (is 0m)", output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(data.Path, "patrols.json"), Plan);
        (code, output) = await Proc.EdgegwAsync("--data-dir", data.Path, "patrol", "check");
        Assert.True(code == 0, output);
        Assert.Contains("2 checkpoints, 1 routes, 1 schedules; no problems", output, StringComparison.Ordinal);
    }
}
