using System.Text.Json;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Fraud;
using EdgeGateway.Patrols.Reports;
using static EdgeGateway.Patrols.Tests.Engine.NightPlan;

namespace EdgeGateway.Patrols.Tests.Engine;

public sealed class RoundEngineTests
{
    [Fact]
    public void A_whole_night_gives_on_time_missed_late_out_of_order_and_any_order_rounds()
    {
        using var f = Start();

        // 22:00 local: all on time.
        Assert.Equal(Verdicts.OnTime, f.Tap(Thabo, "cp-1", Utc(20, 1)).Verdict);
        Assert.Equal(Verdicts.OnTime, f.Tap(Thabo, "cp-2", Utc(20, 10)).Verdict);
        Assert.Equal(Verdicts.OnTime, f.Tap(Lindiwe, "cp-3", Utc(20, 21)).Verdict);
        f.RunUntil(Utc(20, 59, 50));
        Assert.Empty(f.TakeEvents());
        f.RunUntil(Utc(21, 0));
        var first = Assert.Single(f.TakeEvents());
        Assert.Equal("round_completed", first.Type);
        Assert.Equal("north-night@20260301T200000Z", first.Data.GetProperty("round").GetString());
        Assert.Equal(3, first.Data.GetProperty("on_time").GetInt32());
        Assert.Equal(["Thabo M.", "Lindiwe K."], first.Data.GetProperty("walked_by").EnumerateArray().Select(e => e.GetString()));

        // 23:00 local, south's any-order loop: cp-3 before cp-1 is fine.
        Assert.Equal(Verdicts.OnTime, f.Tap(Sipho, "cp-3", Utc(21, 5)).Verdict);
        var loop = f.Tap(Sipho, "cp-1", Utc(21, 12));
        Assert.Equal(Verdicts.OnTime, loop.Verdict);
        Assert.Empty(loop.Flags);
        f.RunUntil(Utc(21, 30));
        var south = Assert.Single(f.TakeEvents());
        Assert.Equal(2, south.Data.GetProperty("on_time").GetInt32());

        // 00:00 local: cp-2 skipped; its window (10m + 3m tolerance + 5m grace) closes at 00:18.
        f.Tap(Thabo, "cp-1", Utc(22, 2));
        f.RunUntil(Utc(22, 17, 50));
        Assert.Empty(f.TakeEvents());
        f.RunUntil(Utc(22, 18));
        var missed = Assert.Single(f.TakeEvents());
        Assert.Equal("checkpoint_missed", missed.Type);
        Assert.Equal("cp-2", missed.Data.GetProperty("checkpoint").GetString());
        Assert.Equal("Pump house", missed.Data.GetProperty("name").GetString());
        Assert.Equal("north", missed.Data.GetProperty("team").GetString());
        Assert.Equal(Utc(22, 10).ToUnixTimeMilliseconds(), missed.Data.GetProperty("expected").GetInt64());
        f.Tap(Thabo, "cp-3", Utc(22, 20));

        // 02:00 local: cp-3 four minutes after its expected time (tolerance 3m): late.
        f.Tap(Lindiwe, "cp-1", Utc(0, 0, 30));
        f.Tap(Lindiwe, "cp-2", Utc(0, 11));
        Assert.Single(f.TakeEvents(), e => e.Type == "round_completed"); // the 00:00 round, ended at 23:00 UTC
        Assert.Equal(Verdicts.Late, f.Tap(Lindiwe, "cp-3", Utc(0, 24)).Verdict);
        var late = Assert.Single(f.TakeEvents());
        Assert.Equal("checkpoint_late", late.Type);
        Assert.Equal(240, late.Data.GetProperty("delay_s").GetInt64());
        Assert.Equal("Lindiwe K.", late.Data.GetProperty("member").GetString());

        // 04:00 local: cp-2 before cp-1 on an ordered route.
        f.RunUntil(Utc(2, 0));
        Assert.Single(f.TakeEvents(), e => e.Type == "round_completed");
        Assert.Equal([Flags.OutOfOrder], f.Tap(Thabo, "cp-2", Utc(2, 1)).Flags);
        Assert.Equal(Verdicts.OnTime, f.Tap(Thabo, "cp-1", Utc(2, 2, 30)).Verdict);
        f.Tap(Thabo, "cp-3", Utc(2, 20));
        f.RunUntil(Utc(3, 0));
        Assert.Single(f.TakeEvents(), e => e.Type == "round_completed");

        var report = new PatrolReports(f.Db).Build(Utc(19, 0), Utc(4, 0), "north");
        Assert.Equal(4, report.Rounds.Count);
        Assert.All(report.Rounds, r => Assert.True(r.Completed));
        Assert.Equal([3, 2, 2, 3], report.Rounds.Select(r => r.OnTime));
        Assert.Equal([0, 1, 0, 0], report.Rounds.Select(r => r.Missed));
        Assert.Equal([0, 0, 1, 0], report.Rounds.Select(r => r.Late));
        Assert.Equal([Flags.OutOfOrder], report.Rounds[3].Flagged.Single().Flags);
        Assert.Equal(240, report.Rounds[2].Stops[2].DelaySeconds);
    }

    [Fact]
    public void An_any_order_stop_is_missed_only_when_the_round_ends()
    {
        using var f = Start();
        f.Tap(Sipho, "cp-1", Utc(21, 2));
        f.RunUntil(Utc(21, 29, 50));
        Assert.DoesNotContain(f.TakeEvents(), e => Round(e.Data).StartsWith("south", StringComparison.Ordinal));
        f.RunUntil(Utc(21, 30));
        var events = f.TakeEvents();
        Assert.Equal(["checkpoint_missed", "round_completed"], events.Select(e => e.Type));
        Assert.Equal("cp-3", events[0].Data.GetProperty("checkpoint").GetString());
        Assert.Equal(1, events[1].Data.GetProperty("missed").GetInt32());
    }

    [Fact]
    public void A_round_spanning_midnight_keeps_its_windows_across_the_date_change()
    {
        const string json = """
            { "checkpoints": [ { "id": "cp-1" }, { "id": "cp-2" } ],
              "routes": [ { "id": "late", "stops": [ { "checkpoint": "cp-1", "at": "0m", "tolerance": "2m" }, { "checkpoint": "cp-2", "at": "20m", "tolerance": "2m" } ] } ],
              "schedules": [ { "id": "midnight", "route": "late", "team": "north", "cron": "45 23 * * *", "timeZone": "UTC", "maxDuration": "30m" } ] }
            """;
        using var f = new PatrolFixture(json, new DateTimeOffset(2026, 3, 1, 23, 40, 0, TimeSpan.Zero));
        f.Cards.Enrol(Thabo, "Thabo M.", "north", f.Clock.GetUtcNow());
        var start = new DateTimeOffset(2026, 3, 1, 23, 45, 0, TimeSpan.Zero);
        Assert.Equal(Verdicts.OnTime, f.Tap(Thabo, "cp-1", start.AddMinutes(1)).Verdict);
        var second = f.Tap(Thabo, "cp-2", start.AddMinutes(21)); // 00:06 on 2 March
        Assert.Equal("midnight@20260301T234500Z", second.Round);
        Assert.Equal(Verdicts.OnTime, second.Verdict);
        f.RunUntil(start.AddMinutes(30));
        var done = Assert.Single(f.TakeEvents());
        Assert.Equal(2, done.Data.GetProperty("on_time").GetInt32());
    }

    [Theory]
    [InlineData("2026-03-28T22:30:00Z", new[] { "2026-03-28T23:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z" })] // 02:00 does not exist: 03:00 CEST
    [InlineData("2026-10-24T21:30:00Z", new[] { "2026-10-24T22:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T03:00:00Z" })] // 02:00 happens twice: once
    public void Rounds_follow_the_zone_through_a_daylight_saving_change(string from, string[] expectedStarts)
    {
        const string json = """
            { "checkpoints": [ { "id": "cp-1" } ],
              "routes": [ { "id": "short", "stops": [ { "checkpoint": "cp-1", "at": "0m", "tolerance": "5m" } ] } ],
              "schedules": [ { "id": "berlin", "route": "short", "team": "north", "cron": "0 0,2,4 * * *", "timeZone": "Europe/Berlin", "maxDuration": "1h" } ] }
            """;
        var start = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        using var f = new PatrolFixture(json, start);
        f.RunUntil(start.AddHours(7), TimeSpan.FromMinutes(1));
        var missed = f.TakeEvents().Where(e => e.Type == "checkpoint_missed").ToList();
        var expected = expectedStarts.Select(s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.Equal(expected, missed.Select(e => e.Data.GetProperty("expected").GetInt64()));
    }

    [Fact]
    public void A_restart_in_the_middle_of_a_round_keeps_its_taps_and_judges_what_closed_while_down()
    {
        using var f = Start();
        f.Tap(Thabo, "cp-1", Utc(20, 1));
        Assert.Empty(f.TakeEvents());

        // The gateway is down from 20:05 to 22:30 UTC: the rest of this round and the start of the next one pass.
        f.Clock.SetUtcNow(Utc(22, 30));
        f.NewEngine();
        f.Engine.Advance(f.Clock.GetUtcNow());

        var events = f.TakeEvents();
        var missed = events.Where(e => e.Type == "checkpoint_missed").Select(e => (Round(e.Data), e.Data.GetProperty("checkpoint").GetString())).ToList();
        Assert.Equal(
            [("north-night@20260301T200000Z", "cp-2"), ("north-night@20260301T200000Z", "cp-3"),
             ("north-night@20260301T220000Z", "cp-1"), ("north-night@20260301T220000Z", "cp-2"), ("north-night@20260301T220000Z", "cp-3"),
             ("south-loop@20260301T210000Z", "cp-1"), ("south-loop@20260301T210000Z", "cp-3")],
            missed.OrderBy(m => m.Item1, StringComparer.Ordinal).ThenBy(m => m.Item2, StringComparer.Ordinal));
        var completed = events.Where(e => e.Type == "round_completed").ToList();
        Assert.Equal(["north-night@20260301T200000Z", "south-loop@20260301T210000Z"], completed.Select(e => Round(e.Data)).Order(StringComparer.Ordinal));
        Assert.Equal(1, completed.Single(e => Round(e.Data).StartsWith("north", StringComparison.Ordinal)).Data.GetProperty("on_time").GetInt32());

        // Judged once: a further advance (or another restart) adds nothing.
        f.NewEngine();
        f.RunUntil(Utc(22, 40));
        Assert.Empty(f.TakeEvents());
    }

    [Fact]
    public void A_tap_after_the_window_closed_is_flagged_and_the_checkpoint_stays_missed()
    {
        using var f = Start();
        f.Tap(Thabo, "cp-1", Utc(20, 1));
        var after = f.Tap(Thabo, "cp-2", Utc(20, 19));
        Assert.Null(after.Verdict);
        Assert.Contains(Flags.AfterWindow, after.Flags);
        Assert.Equal(["checkpoint_missed"], f.TakeEvents().Select(e => e.Type));
    }

    [Fact]
    public void A_tap_made_inside_its_window_but_recorded_just_after_it_closed_is_not_judged_missed()
    {
        using var f = Start();
        f.RunUntil(Utc(20, 17, 50));
        f.TakeEvents();
        // cp-2 closes at 20:18; the tap at 20:17:59 reaches the loop in the tick of 20:18:01.
        var now = Utc(20, 18, 1);
        f.Clock.SetUtcNow(now);
        f.Engine.OpenDue(now);
        var r = f.Engine.Record(new Checkin("cb-2:1:77", "cb-2", "cp-2", Thabo, Utc(20, 17, 59), true), now);
        f.Engine.JudgeDue(now);
        Assert.Equal(Verdicts.Late, r.Verdict);
        var events = f.TakeEvents();
        Assert.Equal(["checkpoint_late"], events.Select(e => e.Type));
        Assert.Equal(479, events[0].Data.GetProperty("delay_s").GetInt64());
    }

    private static string Round(JsonElement data) => data.GetProperty("round").GetString()!;
}
