using System.Globalization;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Core.Patrols;
using Spectre.Console;

namespace EdgeGateway.Cli.Patrols;

/// <summary>Tables for <c>card list</c> and <c>patrol report --format table</c> (times in this machine's local time).</summary>
internal static class PatrolViews
{
    public static void Cards(IReadOnlyList<PatrolCard> cards)
    {
        if (cards.Count == 0)
        {
            Console.WriteLine("no patrol cards enrolled");
            return;
        }
        var table = new Table().AddColumns("uid", "member", "team", "state", "enrolled");
        foreach (var c in cards)
            table.AddRow(c.Uid, Markup.Escape(c.Member), Markup.Escape(c.Team), c.Revoked ? "[red]revoked[/]" : "active", Time(c.Enrolled));
        AnsiConsole.Write(table);
    }

    public static void Report(PatrolReport report)
    {
        Console.WriteLine($"rounds starting {Time(report.From)} .. {Time(report.To)}{(report.Team is null ? "" : " team " + report.Team)}: {report.Rounds.Count}");
        foreach (var r in report.Rounds)
        {
            var state = r.Completed ? "completed" : "open";
            var who = r.WalkedBy.Count == 0 ? "nobody" : string.Join(", ", r.WalkedBy);
            AnsiConsole.MarkupLine(Markup.Escape($"\n{r.Round}  route {r.Route}  team {r.Team}  {Time(r.Start)}–{Clock(r.End)}  {state}") +
                $"  on time {r.OnTime}  [yellow]late {r.Late}[/]  [red]missed {r.Missed}[/]  " + Markup.Escape($"walked by {who}"));
            var table = new Table().AddColumns("checkpoint", "planned", "tapped", "delay", "card", "member", "verdict", "flags");
            foreach (var s in r.Stops)
            {
                table.AddRow(Markup.Escape($"{s.Checkpoint} {s.Name}"), Clock(s.Expected), s.Tapped is { } t ? Clock(t) : "-",
                    s.DelaySeconds is { } d ? $"{d:+0;-0;0} s" : "-", s.Card ?? "-", Markup.Escape(s.Member ?? "-"), Verdict(s.Verdict), string.Join(' ', s.Flags));
            }
            AnsiConsole.Write(table);
            foreach (var f in r.Flagged.Where(f => !r.Stops.Any(s => s.Card == f.Card && s.Tapped == f.At)))
                Console.WriteLine($"  flagged: {Time(f.At)} {f.Card} ({f.Member ?? "unknown"}) at {f.Checkpoint}: {string.Join(' ', f.Flags)}");
        }
        foreach (var f in report.FlaggedOutsideRounds)
            Console.WriteLine($"flagged outside rounds: {Time(f.At)} {f.Card} ({f.Member ?? "unknown"}) at {f.Checkpoint}: {string.Join(' ', f.Flags)}");
    }

    private static string Verdict(string? v) => v switch
    {
        "on_time" => "[green]on time[/]",
        "late" => "[yellow]late[/]",
        "missed" => "[red]missed[/]",
        _ => "open",
    };

    /// <summary>Time of day only: the round's line above gives the date.</summary>
    private static string Clock(DateTimeOffset t) => t.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    internal static string Time(DateTimeOffset t) => t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
