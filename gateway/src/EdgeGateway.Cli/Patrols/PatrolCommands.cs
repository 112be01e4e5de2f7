using System.CommandLine;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Reports;
using EdgeGateway.Patrols.Storage;

namespace EdgeGateway.Cli.Patrols;

/// <summary><c>edgegw card enrol|list|revoke</c> and <c>edgegw patrol report|check</c>, on <c>patrols.db</c> and <c>patrols.json</c> in the data directory.</summary>
internal static class PatrolCommands
{
    public static Command Card(Option<string> dataDir)
    {
        var uid = new Option<string?>("--uid") { Description = "Card UID in hex (4, 7 or 10 bytes), as the beacon reads it" };
        var at = new Option<string?>("--at") { Description = "Enrol the next card tapped at this beacon (e.g. cb-0007) within --wait seconds; the gateway must be running" };
        var member = new Option<string>("--member") { Description = "Who carries the card", Required = true };
        var team = new Option<string>("--team") { Description = "The member's team (as in patrols.json schedules)", Required = true };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the tap with --at", DefaultValueFactory = _ => 60 };
        var enrol = new Command("enrol", "Enrol a patrol card: by UID, or the next card tapped at a beacon") { uid, at, member, team, wait };
        enrol.SetAction((parse, ct) => Cli.RunAsync(() => CardEnrol.RunAsync(parse.GetValue(dataDir)!, parse.GetValue(uid), parse.GetValue(at),
            parse.GetValue(member)!, parse.GetValue(team)!, TimeSpan.FromSeconds(parse.GetValue(wait)), Console.Out, ct)));

        var list = new Command("list", "List patrol cards");
        list.SetAction(parse => Cli.Run(() =>
        {
            PatrolViews.Cards(new CardStore(Open(parse.GetValue(dataDir)!)).List());
            return 0;
        }));

        var uidArg = new Argument<string>("uid") { Description = "Card UID in hex" };
        var revoke = new Command("revoke", "Revoke a patrol card: its taps are still forwarded, flagged revoked_card, and walk no round") { uidArg };
        revoke.SetAction(parse => Cli.Run(() =>
        {
            if (!CardUid.TryNormalize(parse.GetValue(uidArg), out var normalized)) throw new CliException($"'{parse.GetValue(uidArg)}' is not a card UID (8, 14 or 20 hex digits)");
            if (!new CardStore(Open(parse.GetValue(dataDir)!)).Revoke(normalized)) throw new CliException($"no card {normalized} is enrolled");
            Console.WriteLine($"revoked card {normalized}: its taps are flagged revoked_card from now on");
            return 0;
        }));
        return new Command("card", "Patrol cards: enrol (by UID or by a tap at a beacon), list, revoke") { enrol, list, revoke };
    }

    public static Command Patrol(Option<string> dataDir)
    {
        var from = new Option<string?>("--from") { Description = "Rounds starting at or after this time (e.g. 2026-03-01 or 2026-03-01T22:00, local time; default: 24 h ago)" };
        var to = new Option<string?>("--to") { Description = "… and before this time (default: now)" };
        var team = new Option<string?>("--team") { Description = "Only this team's rounds" };
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var report = new Command("report", "Round report: per round planned against actual, missed, late, flags, who walked it") { from, to, team, format };
        report.SetAction(parse => Cli.Run(() =>
        {
            var now = DateTimeOffset.Now;
            var start = ReportTime.Parse(parse.GetValue(from), "--from") ?? now.AddDays(-1);
            var end = ReportTime.Parse(parse.GetValue(to), "--to") ?? now;
            if (end <= start) throw new CliException("--to must be after --from");
            var result = new PatrolReports(Open(parse.GetValue(dataDir)!)).Build(start, end, parse.GetValue(team));
            switch (parse.GetValue(format))
            {
                case "json": Console.WriteLine(PatrolReports.ToJson(result)); break;
                case "csv": ReportCsv.Write(result, Console.Out); break;
                default: PatrolViews.Report(result); break;
            }
            return 0;
        }));

        var check = new Command("check", "Check patrols.json in the data directory; every problem is named with its line");
        check.SetAction(parse => Cli.Run(() =>
        {
            var path = Path.Combine(parse.GetValue(dataDir)!, "patrols.json");
            try
            {
                var plan = PlanParser.ParseFile(path, DateTimeOffset.UtcNow);
                Console.WriteLine($"{path}: {plan.Checkpoints.Count} checkpoints, {plan.Routes.Count} routes, {plan.Schedules.Count} schedules; no problems");
                return 0;
            }
            catch (PatrolConfigException ex)
            {
                foreach (var p in ex.Problems) Console.Error.WriteLine(p);
                return 1;
            }
        }));
        return new Command("patrol", "Patrol rounds: reports, checking patrols.json") { report, check };
    }

    internal static PatrolDatabase Open(string dataDirectory)
    {
        try
        {
            return PatrolDatabase.Open(dataDirectory);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot open {PatrolDatabase.FileName} in {dataDirectory}: {ex.Message}");
        }
    }
}
