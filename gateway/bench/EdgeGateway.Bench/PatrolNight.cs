using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeGateway.Patrols;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;

namespace EdgeGateway.Bench;

/// <summary>
/// Scenario 6: the patrol engine's CPU over one night, on the real <c>patrols.db</c> code path: 200 checkpoints,
/// 20 routes of 10, 50 rounds between 21:00 and 06:00, every checkpoint tapped; the engine is advanced once a
/// second of simulated time (as the gateway's 1 s tick does) for 12 hours. CPU is the process's own CPU time, so the
/// figure holds on a busy machine too; it is divided by the 12 hours the gateway would spend on it.
/// </summary>
internal static class PatrolNight
{
    public static (double CpuSeconds, double CpuPercent, double MicrosPerTick) Run()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-patrols-{Guid.NewGuid():N}");
        var evening = new DateTimeOffset(2026, 3, 1, 21, 0, 0, TimeSpan.Zero);
        try
        {
            var db = PatrolDatabase.Open(dir);
            var cards = new CardStore(db);
            for (var t = 0; t < 20; t++) cards.Enrol($"04{t:X2}0000", $"member {t}", $"team-{t}", evening);
            var engine = new RoundEngine(db, new PatrolOptions()) { Plan = PlanParser.Parse(Encoding.UTF8.GetBytes(Plan()), "patrols.json", evening) };
            var taps = Taps(engine, evening);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var next = 0;
            var ticks = BenchScale.PatrolHours * 3600;
            for (var s = 0; s <= ticks; s++)
            {
                var now = evening.AddSeconds(s);
                engine.Advance(now);
                while (next < taps.Count && taps[next].At <= now) engine.Record(taps[next++], now);
            }
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            return (used / ticks * 12 * 3600, used / ticks * 100, used / ticks * 1e6); // CPU scaled to a 12-hour night
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The plan of the night (200 checkpoints, 20 routes of 10, 20 schedules); by default 50 rounds between 22:00 and
    /// 05:00. <paramref name="alwaysOpen"/> starts every team's round hourly instead (at :00 or :30, 45 min each), so a
    /// gateway measured at any time of day has rounds open.
    /// </summary>
    public static string Plan(bool alwaysOpen = false)
    {
        var sb = new StringBuilder("{ \"checkpoints\": [");
        sb.AppendJoin(',', Enumerable.Range(1, 200).Select(i => $"{{\"id\":\"cp-{i:D4}\"}}"));
        sb.Append("], \"routes\": [");
        sb.AppendJoin(',', Enumerable.Range(0, 20).Select(r => $"{{\"id\":\"route-{r}\",\"stops\":[" + string.Join(',', Enumerable.Range(0, 10)
            .Select(i => $"{{\"checkpoint\":\"cp-{(r * 10) + i + 1:D4}\",\"at\":\"{i * 4}m\",\"tolerance\":\"2m\"}}")) + "]}"));
        sb.Append("], \"schedules\": [");
        // 10 schedules start three rounds a night, 10 start two: 50 rounds.
        sb.AppendJoin(',', Enumerable.Range(0, 20).Select(r => $"{{\"id\":\"s-{r}\",\"route\":\"route-{r}\",\"team\":\"team-{r}\"," +
            $"\"cron\":\"{Cron(r, alwaysOpen)}\",\"timeZone\":\"UTC\",\"maxDuration\":\"45m\"}}"));
        sb.Append("] }");
        return sb.ToString();
    }

    private static string Cron(int schedule, bool alwaysOpen) => (schedule < 10, alwaysOpen) switch
    {
        (true, false) => "0 22,1,4 * * *",
        (false, false) => "30 22,2 * * *",
        (true, true) => "0 * * * *",
        (false, true) => "30 * * * *",
    };

    /// <summary>Every checkpoint of every round tapped 30 s after its expected time, by the team's card.</summary>
    private static List<Checkin> Taps(RoundEngine engine, DateTimeOffset evening)
    {
        var taps = new List<Checkin>();
        var seq = 0;
        foreach (var schedule in engine.Plan.Schedules)
        {
            var route = engine.Plan.Routes[schedule.RouteId];
            var card = $"04{int.Parse(schedule.Team[5..], CultureInfo.InvariantCulture):X2}0000";
            foreach (var start in schedule.StartsBetween(evening, evening.AddHours(12)))
                foreach (var stop in route.Stops)
                    taps.Add(new Checkin($"cb-{stop.Checkpoint[3..]}:1:{++seq}", "cb-" + stop.Checkpoint[3..], stop.Checkpoint, card, start + stop.At + TimeSpan.FromSeconds(30), true));
        }
        taps.Sort((a, b) => a.At.CompareTo(b.At));
        return taps;
    }
}
